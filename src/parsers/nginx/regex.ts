import { RegExpParser, visitRegExpAST, type AST } from "@eslint-community/regexpp";

/**
 * nginx regular expressions (PCRE) read with regexpp (ECMAScript syntax).
 * The two dialects agree on the common core; a pattern using syntax whose
 * meaning differs (`\A`, `\z`, `\Q..\E`, `\h`, `\v`, POSIX classes, `[]...]`,
 * inline flags other than a leading `(?i)`/`(?s)`, atomic groups, verbs,
 * possessive quantifiers) is not analysed at all: callers stay silent.
 */
export interface NginxRegex {
  pattern: AST.Pattern;
  caseInsensitive: boolean;
  /** `(?s)`: `.` also matches `\n` (PCRE's `.` matches `\r` but not `\n` by default). */
  dotAll: boolean;
}

const parser = new RegExpParser({ ecmaVersion: 2025 });

/**
 * Parsed patterns by source: a big config repeats the same few patterns (`\.php$`) thousands of
 * times. The result is read-only; bounded so a file of unique patterns does not grow it forever.
 */
const parsed = new Map<string, NginxRegex | undefined>();

export function parseNginxRegex(source: string, caseInsensitive = false): NginxRegex | undefined {
  const key = `${caseInsensitive ? "i" : "-"}${source}`;
  if (parsed.has(key)) return parsed.get(key);
  const result = parseUncached(source, caseInsensitive);
  if (parsed.size >= 4096) parsed.clear();
  parsed.set(key, result);
  return result;
}

function parseUncached(source: string, caseInsensitive: boolean): NginxRegex | undefined {
  const converted = pcreToEcma(source);
  if (!converted) return undefined;
  try {
    const pattern = parser.parsePattern(converted.text, 0, converted.text.length, { unicode: false });
    return { pattern, caseInsensitive: caseInsensitive || converted.caseInsensitive, dotAll: converted.dotAll };
  } catch {
    return undefined;
  }
}

/** Escapes that mean something else (or nothing) in ECMAScript's Annex B syntax. */
const PCRE_ONLY_ESCAPES = new Set(["A", "Z", "z", "G", "Q", "E", "K", "R", "X", "C", "N", "h", "H", "v", "V", "p", "P", "e", "g", "k", "o", "a"]);

function pcreToEcma(src: string): { text: string; caseInsensitive: boolean; dotAll: boolean } | undefined {
  let i = 0;
  let caseInsensitive = false;
  let dotAll = false;
  // a leading option setting applies to the whole pattern
  if (src.startsWith("(?")) {
    let j = 2;
    while (j < src.length && /[a-zA-Z-]/.test(src[j]!)) j++;
    if (src[j] === ")" && j > 2) {
      let on = true;
      for (const f of src.slice(2, j)) {
        if (f === "-") on = false;
        else if (f === "i") caseInsensitive = on;
        else if (f === "s") dotAll = on;
        else return undefined;
      }
      i = j + 1;
    }
  }
  let out = "";
  let inClass = false;
  while (i < src.length) {
    const c = src[i]!;
    if (c === "\\") {
      const n = src[i + 1];
      if (n === undefined) return undefined;
      if (n === "x" && src[i + 2] === "{") return undefined;
      if (PCRE_ONLY_ESCAPES.has(n)) return undefined;
      out += c + n;
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === "[" && (src[i + 1] === ":" || src[i + 1] === "=" || src[i + 1] === ".")) return undefined;
      if (c === "]") inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      i++;
      if (src[i] === "^") {
        out += "^";
        i++;
      }
      if (src[i] === "]") return undefined; // PCRE: a literal `]`; ECMAScript: an empty class
      continue;
    }
    if (c === "(" && src[i + 1] === "*") return undefined;
    if (c === "(" && src[i + 1] === "?") {
      const rest = src.slice(i + 2);
      if (rest.startsWith("P<")) {
        out += "(?<";
        i += 4;
        continue;
      }
      const ok = /^[:=!]/.test(rest) || rest.startsWith("<=") || rest.startsWith("<!") || /^<[A-Za-z_]/.test(rest) || /^[ims]*(-[ims]+)?:/.test(rest);
      if (!ok) return undefined;
    }
    out += c;
    i++;
  }
  return { text: out, caseInsensitive, dotAll };
}

/** Capturing groups in PCRE numbering (order of their opening parenthesis). */
export function capturingGroups(re: NginxRegex): AST.CapturingGroup[] {
  const out: AST.CapturingGroup[] = [];
  visitRegExpAST(re.pattern, { onCapturingGroupEnter: (node) => out.push(node) });
  return out;
}

/** Can this part of the pattern consume the character `ch`? (Over-approximation: any atom inside that can.) */
export function canMatchChar(node: AST.Node, ch: string, re: NginxRegex): boolean {
  const code = ch.codePointAt(0)!;
  const fold = (x: number): number[] => {
    if (!re.caseInsensitive) return [x];
    const s = String.fromCodePoint(x);
    return [x, s.toLowerCase().codePointAt(0)!, s.toUpperCase().codePointAt(0)!];
  };
  const visit = (n: AST.Node): boolean => {
    switch (n.type) {
      case "Character":
        return fold(n.value).includes(code) || fold(code).includes(n.value);
      case "CharacterSet":
        return charSetMatches(n, code, re);
      case "CharacterClass": {
        const inside = n.elements.some((e) => visit(e));
        return n.negate ? !inside : inside;
      }
      case "CharacterClassRange":
        return fold(code).some((c) => c >= n.min.value && c <= n.max.value);
      case "Quantifier":
        return n.max > 0 && visit(n.element);
      case "Alternative":
        return n.elements.some(visit);
      case "Group":
      case "CapturingGroup":
      case "Pattern":
        return n.alternatives.some(visit);
      default:
        return false; // assertions, backreferences: consume nothing new
    }
  };
  return visit(node);
}

function charSetMatches(n: AST.CharacterSet, code: number, re: NginxRegex): boolean {
  let r: boolean;
  switch (n.kind) {
    case "any":
      return re.dotAll || code !== 10;
    case "digit":
      r = code >= 48 && code <= 57;
      break;
    case "space":
      r = code === 32 || (code >= 9 && code <= 13);
      break;
    case "word":
      r = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
      break;
    default:
      return true;
  }
  return n.negate ? !r : r;
}

/** Whether each top-level alternative is anchored at its start (`^`) and at its end (`$`). */
export function alternativeAnchors(re: NginxRegex): { alternative: AST.Alternative; start: boolean; end: boolean }[] {
  return re.pattern.alternatives.map((a) => ({ alternative: a, start: anchoredAt(a, "start"), end: anchoredAt(a, "end") }));
}

function anchoredAt(alt: AST.Alternative, side: "start" | "end"): boolean {
  const elements = side === "start" ? alt.elements : [...alt.elements].reverse();
  for (const e of elements) {
    if (e.type === "Assertion") {
      if (e.kind === side) return true;
      if (e.kind === "word" || e.kind === "lookahead" || e.kind === "lookbehind") continue;
      return false;
    }
    const group = e.type === "Quantifier" && e.min >= 1 ? e.element : e;
    if (group.type === "Group" || group.type === "CapturingGroup") return group.alternatives.length > 0 && group.alternatives.every((a) => anchoredAt(a, side));
    return false;
  }
  return false;
}

/**
 * `.` written between two letters or digits, as in `example.com`: it matches any character,
 * so `exampleXcom` passes too. Returns the dots' offsets in the converted pattern.
 */
export function domainDots(re: NginxRegex): AST.CharacterSet[] {
  const out: AST.CharacterSet[] = [];
  const alnum = (e: AST.Element | undefined): boolean =>
    e !== undefined && e.type === "Character" && /^[A-Za-z0-9-]$/.test(String.fromCodePoint(e.value));
  visitRegExpAST(re.pattern, {
    onAlternativeEnter(alt) {
      alt.elements.forEach((e, k) => {
        if (e.type !== "CharacterSet" || e.kind !== "any") return;
        const prev = alt.elements[k - 1];
        const next = alt.elements[k + 1];
        const inGroup = alt.parent.type === "Group" || alt.parent.type === "CapturingGroup";
        if (alnum(prev) && (alnum(next) || (next === undefined && inGroup))) out.push(e);
      });
    },
  });
  return out;
}
