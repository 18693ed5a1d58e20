import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/explain.js";
import { requiredLiteral } from "../../src/explain/match.js";
import { SIGNATURES, fillTemplate } from "../../src/explain/signatures.js";
import { REAL_LINES } from "./real-lines.js";

const DOC = join(import.meta.dirname, "..", "..", "..", "shared", "docs", "log-signatures.md");

function docIds(): string[] {
  const text = readFileSync(DOC, "utf8");
  return [...text.matchAll(/^\| ([a-z0-9-]+) \|/gm)].map((m) => m[1]!).filter((id) => id !== "id");
}

const explain = (text: string) => explainText(text, { cwd: "/", project: undefined, verbose: false });

describe("signatures are data, one per row of log-signatures.md", () => {
  it.skipIf(!safeExists(DOC))("every row of log-signatures.md has a signature with the same id, and no other", () => {
    expect(SIGNATURES.map((s) => s.id).sort()).toEqual(docIds().sort());
  });
  it("ids are unique and every signature has a cause, a check and at least one pattern", () => {
    expect(new Set(SIGNATURES.map((s) => s.id)).size).toBe(SIGNATURES.length);
    for (const s of SIGNATURES) {
      expect(s.patterns.length, s.id).toBeGreaterThan(0);
      expect(s.cause.length, s.id).toBeGreaterThan(20);
      expect(s.check.length, s.id).toBeGreaterThan(5);
    }
  });
  it("every signature has real log lines in the test table", () => {
    expect(REAL_LINES.map((r) => r.id).sort()).toEqual(SIGNATURES.map((s) => s.id).sort());
  });
});

describe("each signature recognises its real log lines", () => {
  for (const real of REAL_LINES) {
    it(`${real.id} (${real.provenance})`, () => {
      const report = explain(real.lines.join("\n") + "\n");
      expect(report.findings.length, JSON.stringify(report.findings.map((f) => f.signature))).toBeGreaterThan(0);
      expect(report.findings.map((f) => f.signature)).toEqual(report.findings.map(() => real.id));
      // every line is part of a finding (or the context line of one)
      const shown = new Set(report.findings.flatMap((f) => [...f.log.map((l) => l.line), f.firstLine, f.lastLine]));
      const counted = report.findings.reduce((n, f) => n + f.count, 0);
      expect(counted + (real.id === "supervisor-exit-0" ? 1 : 0), [...shown].join(",")).toBe(real.lines.length);
      if (real.facts) {
        const first = report.findings[0]!;
        expect(first.message.length).toBeGreaterThan(10);
        for (const [k, v] of Object.entries(real.facts)) expect(first.message + JSON.stringify(factsOf(real.id, real.lines[0]!)), k).toContain(v);
      }
    });
  }
});

/** The named groups a signature pattern yields on a normalised line (for fact assertions). */
function factsOf(id: string, line: string): Record<string, string> {
  const sig = SIGNATURES.find((s) => s.id === id)!;
  for (const re of sig.patterns) {
    const m = re.exec(line);
    if (m) return Object.fromEntries(Object.entries(m.groups ?? {}).filter(([, v]) => v !== undefined)) as Record<string, string>;
  }
  return {};
}

describe("the literal pre-filter never hides a match", () => {
  it("each pattern's required literal is in each real line it matches", () => {
    for (const real of REAL_LINES) {
      const sig = SIGNATURES.find((s) => s.id === real.id)!;
      for (const line of real.lines) {
        for (const re of sig.patterns) {
          if (!re.test(line)) continue;
          const needle = requiredLiteral(re);
          if (needle !== undefined) expect(line, `${real.id} ${re}`).toContain(needle);
        }
      }
    }
  });
  it("extracts literals outside groups and drops optional characters", () => {
    expect(requiredLiteral(/no live upstreams while(?: x)?/)).toBe("no live upstreams while");
    expect(requiredLiteral(/abcd?efgh/)).toBe("efgh");
    expect(requiredLiteral(/a|bcdef/)).toBeUndefined();
    expect(requiredLiteral(/connect\(\) failed \(111/)).toBe("connect() failed (111");
    expect(requiredLiteral(/NOAUTH/i)).toBe("noauth");
  });
});

describe("templates", () => {
  it("fill facts, fall back, and drop empty parentheses", () => {
    expect(fillTemplate("a {{x}} b", { x: "1" })).toBe("a 1 b");
    expect(fillTemplate("a {{x|none}} b", {})).toBe("a none b");
    expect(fillTemplate("cannot bind ({{address}}{{reason}})", {})).toBe("cannot bind");
    expect(fillTemplate("keep {{program|{{command}}}} up", { command: "/x" })).toBe("keep /x up");
  });
});

function safeExists(path: string): boolean {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
}
