/**
 * A glob pattern as regular-expression source (no anchors): `**` any depth (`**\/` also none),
 * `*` any part of one name, `?` one character, `[...]` a set (`[!...]` negated), `\x` literal.
 * Callers anchor it the way their format does (.dockerignore: at the context root; the
 * config's `ignore`: at any depth unless the pattern holds a `/`).
 */
export function globSource(pattern: string): string {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*" && pattern[i + 1] === "*") {
      re += ".*";
      i++;
      if (pattern[i + 1] === "/") {
        re += "/?";
        i++;
      }
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const close = pattern.indexOf("]", i + 1);
      if (close < 0) re += "\\[";
      else {
        re += "[" + pattern.slice(i + 1, close).replace(/^!/, "^").replace(/\\/g, "\\\\") + "]";
        i = close;
      }
    } else if (c === "\\" && i + 1 < pattern.length) re += "\\" + pattern[++i];
    else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return re;
}

/** The whole path must match. */
export function globRegExp(pattern: string): RegExp {
  return new RegExp(`^${globSource(pattern)}$`);
}
