import { editDistance } from "../../src/knowledge/closest-name.js";
import { dirname, resolve } from "node:path";
import { defineRule, fixed, type FixedText } from "../../src/engine/rule.js";
import { deref, isMap, mapGet, mapPairs, nodeRange, pairKey, scalarText, seqItems, type YamlNode } from "../../src/parsers/compose/parse.js";
import type { Stack } from "../../src/model/stack.js";
import type { Loc } from "../../src/model/types.js";
import type { Project, ProjectFile } from "../../src/project/project.js";

type Kind = "depends_on" | "links" | "volumes_from" | "network_mode" | "ipc" | "pid" | "extends";

interface Ref {
  service: string;
  target: string;
  kind: Kind;
  loc: Loc;
}

const HOW: Record<Kind, FixedText> = {
  depends_on: fixed("depends on", "依赖"),
  links: fixed("links to", "链接到"),
  volumes_from: fixed("takes `volumes_from`", "通过 `volumes_from` 引用"),
  network_mode: fixed("uses `network_mode: service:` of", "通过 `network_mode: service:` 引用"),
  ipc: fixed("uses `ipc: service:` of", "通过 `ipc: service:` 引用"),
  pid: fixed("uses `pid: service:` of", "通过 `pid: service:` 引用"),
  extends: fixed("extends", "继承"),
};

export default defineRule({
  meta: {
    id: "depends-on-unknown",
    description: "depends_on / links / volumes_from / network_mode `service:` / extends name a service that the compose configuration does not define",
    severity: "error",
    category: "compose",
    files: ["compose"],
    messages: {
      dependency:
        "service \"{{service}}\" {{how}} \"{{target}}\", but no compose file of this configuration defines a service \"{{target}}\": docker compose refuses to start anything (`service \"{{service}}\" depends on undefined service \"{{target}}\": invalid compose project`){{hint}}",
      extends:
        "service \"{{service}}\" extends \"{{target}}\", but {{where}} a service \"{{target}}\": docker compose refuses to load the project{{hint}}",
    },
    fixable: false,
  },
  check({ model, project, report }) {
    // A reference is judged in every configuration (base alone, base + override...) that contains its file:
    // it is reported only when none of them defines the target (a service from an override is fine).
    const verdicts = new Map<string, { ref: Ref; ok: boolean; names: Set<string> }>();
    const optional = optionalDependencies(project);
    for (const stack of model.stacks) {
      if (stack.composeFiles.length === 0) continue;
      const files = new Set(stack.composeFiles.map((f) => f.source));
      const names = new Set(stack.services.map((s) => s.name));
      for (const ref of references(stack)) {
        if (!files.has(ref.loc.file)) continue;
        if (ref.kind === "depends_on" && optional.has(`${ref.loc.file.path}\0${ref.loc.start}`)) continue;
        const key = `${ref.loc.file.path}\0${ref.loc.start}\0${ref.loc.end}`;
        const entry = verdicts.get(key) ?? { ref, ok: false, names: new Set<string>() };
        if (names.has(ref.target)) entry.ok = true;
        for (const n of names) entry.names.add(n);
        verdicts.set(key, entry);
      }
    }
    for (const { ref, ok, names } of verdicts.values()) {
      if (ok) continue;
      const hint = suggest(ref.target, names);
      // compose turns links, volumes_from and `service:` modes into dependencies before it checks them
      if (ref.kind === "extends") {
        report({ messageId: "extends", at: ref.loc, data: { service: ref.service, target: ref.target, where: fixed("no compose file of this configuration defines", "这个配置的 compose 文件都没有定义"), hint } });
      } else {
        report({ messageId: "dependency", at: ref.loc, data: { service: ref.service, target: ref.target, how: HOW[ref.kind], hint } });
      }
    }
    // `extends: {file: other.yml, service: x}`: the other file must define x
    for (const file of project.filesOf("compose")) {
      const { doc, root } = file.ast;
      if (!root || file.ast.problems.length > 0) continue;
      for (const [name, serviceNode] of services(file)) {
        const ext = mapGet(doc, serviceNode, "extends");
        const extNode = ext ? deref(doc, ext.value) : undefined;
        if (!isMap(extNode)) continue;
        const fileName = scalarText(doc, mapGet(doc, extNode, "file")?.value);
        const svcPair = mapGet(doc, extNode, "service");
        const target = scalarText(doc, svcPair?.value);
        const range = nodeRange(deref(doc, svcPair?.value));
        if (!fileName || !target || !range || fileName.includes("$") || target.includes("$")) continue;
        const path = resolveNear(file, fileName);
        const other = project.pathKind(path) === "file" ? project.load(path, "compose") : undefined;
        if (!other || !other.ast.root || other.ast.problems.length > 0) continue;
        const defined = new Set(services(other).map(([n]) => n));
        if (defined.has(target)) continue;
        report({
          messageId: "extends",
          at: { file: file.source, start: range.start, end: range.end },
          data: { service: name, target, where: fixed(`\`${project.display(other.source.path)}\` does not define`, ` \`${project.display(other.source.path)}\` 没有定义`), hint: suggest(target, defined) },
        });
      }
    }
  },
});

function resolveNear(file: ProjectFile<"compose">, relative: string): string {
  return resolve(dirname(file.source.path), relative);
}

function services(file: ProjectFile<"compose">): [string, YamlNode][] {
  const { doc, root } = file.ast;
  const out: [string, YamlNode][] = [];
  const pair = mapGet(doc, root, "services");
  for (const p of mapPairs(doc, pair?.value)) {
    const name = pairKey(p);
    const node = deref(doc, p.value);
    if (name !== undefined && !name.startsWith("x-") && node) out.push([name, node]);
  }
  return out;
}

/** Every service reference of a configuration: the merged model's, plus volumes_from / ipc / pid / extends from the files. */
function references(stack: Stack): Ref[] {
  const refs: Ref[] = [];
  for (const s of stack.services) {
    if (s.origin !== "compose") continue;
    for (const d of s.dependsOn) refs.push({ service: s.name, target: d.name, kind: "depends_on", loc: d.loc });
    for (const l of s.links) if (!l.external) refs.push({ service: s.name, target: l.target, kind: "links", loc: l.loc });
    const mode = s.networkMode;
    if (mode && !mode.unknown && mode.text.startsWith("service:")) refs.push({ service: s.name, target: mode.text.slice(8), kind: "network_mode", loc: mode.loc });
  }
  for (const file of stack.composeFiles) {
    if (file.ast.problems.length > 0) continue;
    const { doc } = file.ast;
    for (const [name, node] of services(file)) {
      const at = (n: YamlNode | undefined): Loc | undefined => {
        const r = nodeRange(n);
        return r ? { file: file.source, start: r.start, end: r.end } : undefined;
      };
      for (const item of seqItems(doc, mapGet(doc, node, "volumes_from")?.value)) {
        const text = scalarText(doc, item);
        const loc = at(item);
        if (!text || !loc || text.startsWith("container:") || text.includes("$")) continue;
        refs.push({ service: name, target: text.split(":")[0]!, kind: "volumes_from", loc });
      }
      for (const key of ["ipc", "pid"] as const) {
        const v = mapGet(doc, node, key);
        const text = scalarText(doc, v?.value);
        const loc = at(deref(doc, v?.value));
        if (text?.startsWith("service:") && loc && !text.includes("$")) refs.push({ service: name, target: text.slice(8), kind: key, loc });
      }
      const ext = mapGet(doc, node, "extends");
      const extNode = ext ? deref(doc, ext.value) : undefined;
      const direct = scalarText(doc, extNode);
      if (direct !== undefined) {
        const loc = at(extNode);
        if (loc && !direct.includes("$")) refs.push({ service: name, target: direct, kind: "extends", loc });
      } else if (isMap(extNode) && !mapGet(doc, extNode, "file")) {
        const svc = mapGet(doc, extNode, "service");
        const text = scalarText(doc, svc?.value);
        const loc = at(deref(doc, svc?.value));
        if (text && loc && !text.includes("$")) refs.push({ service: name, target: text, kind: "extends", loc });
      }
    }
  }
  return refs;
}

/** `depends_on: {x: {required: false}}`: compose only warns when x is missing. */
function optionalDependencies(project: Project): Set<string> {
  const out = new Set<string>();
  for (const file of project.filesOf("compose")) {
    const { doc } = file.ast;
    for (const [, node] of services(file)) {
      const deps = deref(doc, mapGet(doc, node, "depends_on")?.value);
      if (!isMap(deps)) continue;
      for (const p of mapPairs(doc, deps)) {
        if (scalarText(doc, mapGet(doc, p.value, "required")?.value) !== "false") continue;
        const r = nodeRange(p.key as YamlNode);
        if (r) out.add(`${file.source.path}\0${r.start}`);
      }
    }
  }
  return out;
}

function suggest(target: string, names: Set<string>): FixedText {
  let best: string | undefined;
  let bestD = Infinity;
  for (const n of names) {
    const d = editDistance(n.toLowerCase(), target.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = n;
    }
  }
  if (best !== undefined && bestD <= Math.max(1, Math.floor(target.length / 3))) return fixed(`; did you mean "${best}"?`, `；是不是想写 "${best}"？`);
  return fixed("; fix the name or define the service", "；请改正名字，或定义这个服务");
}

