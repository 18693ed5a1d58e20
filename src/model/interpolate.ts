import type { Loc, Value } from "./types.js";

export interface VariableDefinition {
  value: string;
  loc: Loc;
}

export type VariableLookup = (name: string) => VariableDefinition | undefined;

/**
 * Compose's `${VAR}` interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?err}`, `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`,
 * `$$` for a literal `$`. Variables come from the project `.env` only (the
 * user's shell is not part of the project); an unset variable without a
 * default makes the value unknown, so rules stay silent about it.
 */
export function interpolate(raw: string, loc: Loc, lookup: VariableLookup): Value {
  if (!raw.includes("$")) return { text: raw, loc, unknown: false, via: [] };
  let out = "";
  let unknown = false;
  const via: Loc[] = [];
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (c !== "$") {
      out += c;
      i++;
      continue;
    }
    const next = raw[i + 1];
    if (next === "$") {
      out += "$";
      i += 2;
      continue;
    }
    if (next === "{") {
      const close = findClose(raw, i + 2);
      if (close < 0) {
        out += raw.slice(i);
        break;
      }
      const body = raw.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
      if (!m) {
        out += raw.slice(i, close + 1);
        unknown = true;
        i = close + 1;
        continue;
      }
      const name = m[1]!;
      const op = m[2];
      const arg = m[3] ?? "";
      const def = lookup(name);
      if (def) via.push(def.loc);
      const isSet = def !== undefined;
      const isEmpty = !def || def.value === "";
      if (op === ":-" || op === "-") {
        const useDefault = op === ":-" ? isEmpty : !isSet;
        if (useDefault) {
          const inner = interpolate(arg, loc, lookup);
          out += inner.text;
          unknown ||= inner.unknown;
          via.push(...inner.via);
        } else out += def!.value;
      } else if (op === ":+" || op === "+") {
        const useAlt = op === ":+" ? !isEmpty : isSet;
        if (useAlt) {
          const inner = interpolate(arg, loc, lookup);
          out += inner.text;
          unknown ||= inner.unknown;
        }
      } else {
        // plain or `?` forms: an unset variable is unknown to us (compose errors or blanks it)
        if (def) out += def.value;
        else unknown = true;
      }
      i = close + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(raw.slice(i + 1, i + 65));
    if (m) {
      const def = lookup(m[0]);
      if (def) {
        out += def.value;
        via.push(def.loc);
      } else unknown = true;
      i += 1 + m[0].length;
      continue;
    }
    out += "$";
    i++;
  }
  return { text: out, loc, unknown, via };
}

function findClose(raw: string, from: number): number {
  let depth = 1;
  for (let i = from; i < raw.length; i++) {
    const c = raw[i];
    if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** A value that needs no interpolation (Dockerfile, configs). */
export function literal(text: string, loc: Loc): Value {
  return { text, loc, unknown: false, via: [] };
}
