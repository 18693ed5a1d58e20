import { defineRule } from "../../src/engine/rule.js";
import { deref, mapGet, scalarText, seqItems } from "../../src/parsers/compose/parse.js";
import type { Stack } from "../../src/model/stack.js";
import type { PortMapping, Service } from "../../src/model/types.js";

interface Published {
  service: Service;
  port: PortMapping;
  /** Host ports taken, inclusive. */
  from: number;
  to: number;
  ip: string | undefined;
}

export default defineRule({
  meta: {
    id: "duplicate-published-port",
    description: "two services (or two entries) publish the same host port on overlapping addresses: the second container cannot start",
    severity: "error",
    category: "compose",
    files: ["compose"],
    messages: {
      duplicate:
        "host port {{port}}/{{protocol}} is already published by service \"{{other}}\": the second container fails to start (`Bind for {{ip}}:{{port}} failed: port is already allocated`); publish another host port or drop one of the mappings",
      sameService:
        "host port {{port}}/{{protocol}} is published twice by service \"{{other}}\": the container fails to start (`Bind for {{ip}}:{{port}} failed: port is already allocated`); keep one mapping per host port",
      overlap:
        "host port {{port}}/{{protocol}} on {{ip}} overlaps the same port published by service \"{{other}}\" on {{otherIp}}: one address covers the other, so the container started second fails (`bind: address already in use`); publish another host port or use two distinct specific addresses",
      first: "first published here",
    },
    fixable: false,
  },
  check({ model, report }) {
    const done = new Set<string>();
    for (const stack of model.stacks) {
      const entries: Published[] = [];
      for (const service of stack.services) {
        if (service.origin !== "compose" || service.networkMode) continue; // host/service network modes discard `ports:`
        for (const port of service.ports) {
          const range = hostRange(port);
          if (range) entries.push({ service, port, from: range[0], to: range[1], ip: normalizeIp(port.hostIp) });
        }
      }
      const profiles = new Map<Service, Set<string>>();
      const profilesOf = (s: Service): Set<string> => {
        let p = profiles.get(s);
        if (!p) profiles.set(s, (p = readProfiles(stack, s.name)));
        return p;
      };
      for (let j = 1; j < entries.length; j++) {
        const b = entries[j]!;
        for (let i = 0; i < j; i++) {
          const a = entries[i]!;
          if (a.port.protocol !== b.port.protocol || a.to < b.from || b.to < a.from) continue;
          if (a.ip !== undefined && b.ip !== undefined && a.ip !== b.ip) continue;
          const same = a.service === b.service;
          // the same mapping in a base file and its override is merged into one by compose
          if (same && a.ip === b.ip && a.from === b.from && a.port.containerPort === b.port.containerPort) continue;
          let severity: "warning" | undefined;
          if (!same) {
            const pa = profilesOf(a.service);
            const pb = profilesOf(b.service);
            if (pa.size > 0 && pb.size > 0 && ![...pa].some((p) => pb.has(p))) continue; // never started together
            if (pa.size > 0 || pb.size > 0) severity = "warning"; // only with `--profile`
          }
          const key = `${b.port.loc.file.path}\0${b.port.loc.start}\0${a.port.loc.file.path}\0${a.port.loc.start}`;
          if (done.has(key)) break;
          done.add(key);
          const port = Math.max(a.from, b.from);
          const data = { port, protocol: b.port.protocol, other: a.service.name, ip: b.ip ?? "0.0.0.0", otherIp: a.ip ?? "0.0.0.0" };
          report({
            messageId: same ? "sameService" : a.ip !== b.ip ? "overlap" : "duplicate",
            at: b.port.loc,
            data,
            related: [{ at: a.port.loc, messageId: "first" }],
            ...(severity ? { severity } : {}),
          });
          break;
        }
      }
    }
  },
});

function normalizeIp(ip: string | undefined): string | undefined {
  if (ip === undefined) return undefined;
  const t = ip.trim().replace(/^\[|\]$/g, "");
  return t === "" || t === "0.0.0.0" || t === "::" ? undefined : t;
}

/**
 * Host ports a mapping takes. `8000-8002:8000-8002` takes three; a host range
 * for one container port (`8000-8010:80`) lets Docker pick a free one, so it is
 * never a sure conflict; no host port at all means an ephemeral one.
 */
function hostRange(port: PortMapping): [number, number] | undefined {
  if (port.hostPort === undefined) return undefined;
  const raw = port.loc.file.text.slice(port.loc.start, port.loc.end);
  if (raw.includes("$")) return undefined;
  const span = port.containerPortEnd - port.containerPort;
  const spec = raw.replace(/^["']|["']$/g, "").replace(/\/\w+$/, "").replace(/^\[[^\]]*\]:/, "");
  const parts = spec.split(":");
  const hostPart = parts.length >= 2 ? parts[parts.length - 2]! : "";
  const m = /^\s*(\d+)-(\d+)\s*$/.exec(hostPart);
  if (m) {
    const hostSpan = Number(m[2]) - Number(m[1]);
    if (hostSpan !== span) return undefined;
  } else if (/published:\s*["']?\d+\s*-/.test(raw)) return undefined;
  return [port.hostPort, port.hostPort + span];
}

function readProfiles(stack: Stack, name: string): Set<string> {
  const out = new Set<string>();
  for (const f of stack.composeFiles) {
    const { doc, root } = f.ast;
    const services = mapGet(doc, root, "services");
    const service = services ? mapGet(doc, services.value, name) : undefined;
    const profiles = service ? mapGet(doc, service.value, "profiles") : undefined;
    for (const p of seqItems(doc, deref(doc, profiles?.value))) {
      const t = scalarText(doc, p);
      if (t) out.add(t);
    }
  }
  return out;
}
