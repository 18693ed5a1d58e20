import type { ParseProblem, Range, SourceFile } from "../../source/source-file.js";
import type { IniDialect, IniDirective, IniEntry, IniFile, IniSection } from "./ast.js";

/**
 * One position-preserving reader for the three ini-like formats, each line
 * handled the way the real program handles it (see docs/ground-truth.md):
 * - uwsgi: core/ini.c of uWSGI 2.0,
 * - mysql: search_default_file_with_buffers() in mysys/my_default (MySQL / MariaDB),
 * - supervisor: Python 3.11 configparser.RawConfigParser._read as supervisor 4.2
 *   configures it (inline_comment_prefixes=(';', '#'), strict=False).
 *
 * Never throws; every offset points into `file.text`; linear in the input.
 */

export const INI_MESSAGES = {
  unclosedHeader: "section header is not closed with `]`",
  uwsgiHeaderTrailing:
    "text after `]` in a section header: uWSGI drops only the last character of the line, so the whole rest becomes part of the section name and the section is ignored",
  emptyKey: "option name is empty",
  emptySectionName: "section name is empty",
  notKeyValue: "line is not `key = value`",
  noSectionHeader: "option before the first [section] header (configparser: MissingSectionHeaderError)",
  includeWithoutArg: "`!include` without a file name",
  includedirWithoutArg: "`!includedir` without a directory name",
} as const;

export function parseIni(file: SourceFile, dialect: IniDialect): IniFile {
  const parser = new IniParser(file, dialect);
  parser.run();
  return parser.out;
}

// ---------------------------------------------------------------------------
// Character classes. Each program has its own idea of "whitespace".

/** uWSGI's ini_lstrip/ini_rstrip strip only these three. */
function isUwsgiSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/** my_isspace() on latin1: space, \t, \n, \v, \f, \r. */
function isMysqlSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Python's str.isspace() / `\s` on str patterns (configparser uses strip() and `\s`). */
function isPySpace(c: number): boolean {
  if (c <= 0x20) return c === 32 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

type SpaceFn = (c: number) => boolean;

function range(start: number, end: number): Range {
  return { start, end };
}

interface Continuation {
  entry: IniEntry;
  /** configparser collects value lines in a list and joins them with "\n" at the end. */
  parts: string[];
  /** Blank lines seen since the last value line: configparser appends '' for each. */
  pendingBlank: number;
}

class IniParser {
  readonly out: IniFile;
  private readonly text: string;
  private current: IniSection | null = null;
  /** supervisor: configparser's `optname` (the option continuation lines attach to). */
  private cont: Continuation | null = null;
  /** supervisor: configparser's `indent_level`. */
  private indentLevel = 0;

  constructor(
    private readonly file: SourceFile,
    private readonly dialect: IniDialect,
  ) {
    this.text = file.text;
    this.out = { dialect, preamble: [], sections: [], directives: [], comments: [], problems: [] };
  }

  run(): void {
    const starts = this.file.lineStarts;
    const text = this.text;
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i] ?? text.length;
      let end = starts[i + 1] ?? text.length;
      if (end > start && text.charCodeAt(end - 1) === 10) end--;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      if (this.dialect === "uwsgi") this.uwsgiLine(start, end);
      else if (this.dialect === "mysql") this.mysqlLine(start, end);
      else this.supervisorLine(start, end);
    }
    if (this.cont) this.finishContinuation();
  }

  // -------------------------------------------------------------------------
  // shared helpers

  private problem(start: number, end: number, message: string): void {
    this.out.problems.push({ start, end, message } satisfies ParseProblem);
  }

  private trim(start: number, end: number, space: SpaceFn): [number, number] {
    let s = start;
    let e = end;
    while (s < e && space(this.text.charCodeAt(s))) s++;
    while (e > s && space(this.text.charCodeAt(e - 1))) e--;
    return [s, e];
  }

  private openSection(headerStart: number, headerEnd: number, nameStart: number, nameEnd: number): IniSection {
    const section: IniSection = {
      start: headerStart,
      end: headerEnd,
      name: this.text.slice(nameStart, nameEnd),
      nameRange: range(nameStart, nameEnd),
      headerRange: range(headerStart, headerEnd),
      entries: [],
    };
    this.out.sections.push(section);
    this.current = section;
    return section;
  }

  private addEntry(entry: IniEntry): void {
    if (this.current) {
      this.current.entries.push(entry);
      if (entry.end > this.current.end) this.current.end = entry.end;
    } else {
      this.out.preamble.push(entry);
    }
  }

  private makeEntry(
    start: number,
    end: number,
    keyStart: number,
    keyEnd: number,
    value: string,
    valueRange: Range,
    separator: "=" | ":" | undefined,
    inlineComment: IniEntry["inlineComment"],
  ): IniEntry {
    return {
      start,
      end,
      key: this.text.slice(keyStart, keyEnd),
      keyRange: range(keyStart, keyEnd),
      value,
      valueRange,
      hasEquals: separator !== undefined,
      separator,
      inlineComment,
      section: this.current ? this.current.name : null,
    };
  }

  // -------------------------------------------------------------------------
  // uWSGI (core/ini.c)

  private uwsgiLine(lineStart: number, lineEnd: number): void {
    const text = this.text;
    const [s, e] = this.trim(lineStart, lineEnd, isUwsgiSpace);
    if (s === e) return;
    const c0 = text.charCodeAt(s);
    if (c0 === 0x5b /* [ */) {
      this.header(s, e, isUwsgiSpace);
      return;
    }
    if (c0 === 0x3b /* ; */ || c0 === 0x23 /* # */) {
      // Only a line whose first non-blank character is `#`/`;` is a comment for uWSGI.
      this.out.comments.push(range(s, e));
      return;
    }
    // ini_get_key(): the key ends at the first `=`; without one the whole line is the key
    // and uWSGI still registers it with an empty value.
    let eq = -1;
    for (let i = s; i < e; i++) {
      if (text.charCodeAt(i) === 0x3d /* = */) {
        eq = i;
        break;
      }
    }
    if (eq < 0) {
      const comment = this.uwsgiInlineComment(s, e);
      this.addEntry(this.makeEntry(s, e, s, e, "", range(e, e), undefined, comment));
      return;
    }
    let keyEnd = eq;
    while (keyEnd > s && isUwsgiSpace(text.charCodeAt(keyEnd - 1))) keyEnd--;
    let vs = eq + 1;
    while (vs < e && isUwsgiSpace(text.charCodeAt(vs))) vs++;
    // uWSGI has no inline comments: everything up to the end of the line is the value.
    const value = text.slice(vs, e);
    const valueRange = vs < e ? range(vs, e) : range(eq + 1, eq + 1);
    const comment = this.uwsgiInlineComment(vs, e);
    this.addEntry(this.makeEntry(s, e, s, keyEnd, value, valueRange, "=", comment));
  }

  /** The first whitespace-preceded `#`/`;` in [from, to): still part of the value for uWSGI. */
  private uwsgiInlineComment(from: number, to: number): IniEntry["inlineComment"] {
    const text = this.text;
    for (let i = Math.max(from, 1); i < to; i++) {
      const c = text.charCodeAt(i);
      if (c !== 0x23 && c !== 0x3b) continue;
      const prev = text.charCodeAt(i - 1);
      if (prev === 32 || prev === 9) return { text: text.slice(i, to), range: range(i, to) };
    }
    return undefined;
  }

  // -------------------------------------------------------------------------
  // section headers (uwsgi, mysql)

  private header(s: number, e: number, space: SpaceFn): void {
    const text = this.text;
    let close = -1;
    for (let i = s + 1; i < e; i++) {
      if (text.charCodeAt(i) === 0x5d /* ] */) {
        close = i;
        break;
      }
    }
    if (close < 0) {
      // uWSGI would chop the last character off and MySQL aborts ("Wrong group
      // definition"); for recovery the section gets the name the user meant.
      this.problem(s, e, INI_MESSAGES.unclosedHeader);
      const [ns, ne] = this.trim(s + 1, e, space);
      this.openSection(s, e, ns, ne);
      return;
    }
    if (this.dialect === "uwsgi") {
      // uWSGI takes everything after `[` minus the line's last character as the name.
      if (close !== e - 1) this.problem(close + 1, e, INI_MESSAGES.uwsgiHeaderTrailing);
      this.openSection(s, close + 1, s + 1, close);
      return;
    }
    // mysql: the name ends at the first `]`, trailing blanks removed (leading ones are
    // kept, so `[ mysqld]` is a different group); whatever follows `]` is ignored.
    let ne = close;
    while (ne > s + 1 && space(text.charCodeAt(ne - 1))) ne--;
    this.openSection(s, close + 1, s + 1, ne);
    let rest = close + 1;
    while (rest < e && space(text.charCodeAt(rest))) rest++;
    const rc = text.charCodeAt(rest);
    if (rest < e && (rc === 0x23 || rc === 0x3b)) this.out.comments.push(range(rest, e));
  }

  // -------------------------------------------------------------------------
  // MySQL / MariaDB option files

  private mysqlLine(lineStart: number, lineEnd: number): void {
    const text = this.text;
    const [s, e] = this.trim(lineStart, lineEnd, isMysqlSpace);
    if (s === e) return;
    const c0 = text.charCodeAt(s);
    if (c0 === 0x23 || c0 === 0x3b) {
      this.out.comments.push(range(s, e));
      return;
    }
    if (c0 === 0x21 /* ! */) {
      this.mysqlDirective(s, e);
      return;
    }
    if (c0 === 0x5b) {
      this.header(s, e, isMysqlSpace);
      return;
    }
    // remove_end_comment(): `#` outside quotes ends the line (`;` does not).
    const cut = mysqlCommentStart(text, s, e);
    let eq = -1;
    for (let i = s; i < cut; i++) {
      if (text.charCodeAt(i) === 0x3d) {
        eq = i;
        break;
      }
    }
    const comment: IniEntry["inlineComment"] = cut < e ? { text: text.slice(cut, e), range: range(cut, e) } : undefined;
    if (comment) this.out.comments.push(comment.range);
    if (eq < 0) {
      // A bare option (`skip-name-resolve`) is passed to mysqld as `--skip-name-resolve`.
      let ke = cut;
      while (ke > s && isMysqlSpace(text.charCodeAt(ke - 1))) ke--;
      this.addEntry(this.makeEntry(s, e, s, ke, "", range(ke, ke), undefined, comment));
      return;
    }
    let ke = eq;
    while (ke > s && isMysqlSpace(text.charCodeAt(ke - 1))) ke--;
    if (ke === s) this.problem(s, eq + 1, INI_MESSAGES.emptyKey);
    let vs = eq + 1;
    while (vs < cut && isMysqlSpace(text.charCodeAt(vs))) vs++;
    let ve = cut;
    while (ve > vs && isMysqlSpace(text.charCodeAt(ve - 1))) ve--;
    const value = mysqlValue(text, vs, ve);
    const valueRange = vs < ve ? range(vs, ve) : range(eq + 1, eq + 1);
    this.addEntry(this.makeEntry(s, e, s, ke, value, valueRange, "=", comment));
  }

  private mysqlDirective(s: number, e: number): void {
    const text = this.text;
    let p = s + 1;
    while (p < e && isMysqlSpace(text.charCodeAt(p))) p++;
    // `!includedir` is tested first, and each keyword must be followed by whitespace
    // (the end of the line counts: fgets() keeps the newline there).
    let name: string;
    if (startsWithWord(text, p, e, "includedir")) name = "includedir";
    else if (startsWithWord(text, p, e, "include")) name = "include";
    else {
      // Any other `!` line is silently skipped by mysqld; kept so rules can see it.
      let w = p;
      while (w < e && !isMysqlSpace(text.charCodeAt(w))) w++;
      name = text.slice(p, w);
    }
    let as = p + name.length;
    while (as < e && isMysqlSpace(text.charCodeAt(as))) as++;
    // get_argument() trims trailing blanks only; a `#` here is part of the path.
    const arg = text.slice(as, e);
    const directive: IniDirective = { start: s, end: e, name, arg, argRange: range(as, e) };
    this.out.directives.push(directive);
    if (as === e && name === "include") this.problem(s, e, INI_MESSAGES.includeWithoutArg);
    if (as === e && name === "includedir") this.problem(s, e, INI_MESSAGES.includedirWithoutArg);
  }

  // -------------------------------------------------------------------------
  // supervisor (Python 3.11 configparser)

  private supervisorLine(lineStart: number, lineEnd: number): void {
    const text = this.text;
    const [s, e] = this.trim(lineStart, lineEnd, isPySpace);
    if (s === e) {
      // empty_lines_in_values=True: a truly blank line inside a value adds an empty line.
      if (this.cont) this.cont.pendingBlank++;
      return;
    }
    const c0 = text.charCodeAt(s);
    if (c0 === 0x23 || c0 === 0x3b) {
      // A full-line comment neither ends a multi-line value nor adds to it.
      this.out.comments.push(range(s, e));
      return;
    }
    const cs = pyInlineCommentStart(text, lineStart, e);
    let ve = cs < 0 ? e : cs;
    while (ve > s && isPySpace(text.charCodeAt(ve - 1))) ve--;
    const comment: IniEntry["inlineComment"] = cs >= 0 ? { text: text.slice(cs, e), range: range(cs, e) } : undefined;
    if (comment) this.out.comments.push(comment.range);
    // `cs` can only be > s here (a comment at `s` is a full-line comment), so ve > s.
    const indent = s - lineStart;
    if (this.cont && indent > this.indentLevel) {
      const cont = this.cont;
      for (; cont.pendingBlank > 0; cont.pendingBlank--) cont.parts.push("");
      cont.parts.push(text.slice(s, ve));
      cont.entry.valueRange.end = ve;
      cont.entry.end = e;
      if (!cont.entry.inlineComment && comment) cont.entry.inlineComment = comment;
      if (this.current && e > this.current.end) this.current.end = e;
      return;
    }
    this.indentLevel = indent;
    if (c0 === 0x5b) {
      // SECTCRE is `\[(?P<header>.+)\]` matched at the start: `.+` is greedy, so the
      // name runs to the LAST `]` and anything after it is ignored.
      let close = -1;
      for (let i = ve - 1; i > s; i--) {
        if (text.charCodeAt(i) === 0x5d) {
          close = i;
          break;
        }
      }
      this.finishContinuation();
      if (close > s + 1) {
        this.openSection(s, close + 1, s + 1, close);
      } else if (close === s + 1) {
        // `[]` does not match SECTCRE (`.+` needs a character): a ParsingError.
        this.problem(s, close + 1, INI_MESSAGES.emptySectionName);
        this.openSection(s, close + 1, close, close);
      } else {
        // configparser would read `[program:x` as an option of the previous section
        // (`[program` = `x`) or fail; either way the header the user meant is missing.
        this.problem(s, ve, INI_MESSAGES.unclosedHeader);
        const [ns, ne] = this.trim(s + 1, ve, isPySpace);
        this.openSection(s, ve, ns, ne);
      }
      return;
    }
    if (!this.current) this.problem(s, ve, INI_MESSAGES.noSectionHeader);
    // OPTCRE `(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$`: the first `=` or `:` wins.
    let d = -1;
    for (let i = s; i < ve; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x3d || c === 0x3a) {
        d = i;
        break;
      }
    }
    if (d < 0) {
      // ParsingError in configparser, which keeps going (optname is not reset) but
      // refuses the file at the end. Since the line is recorded as an entry, the
      // previous option's continuation ends here so entries stay in source order.
      if (this.current) this.problem(s, ve, INI_MESSAGES.notKeyValue);
      this.finishContinuation();
      this.addEntry(this.makeEntry(s, e, s, ve, "", range(ve, ve), undefined, comment));
      return;
    }
    this.finishContinuation();
    let ke = d;
    while (ke > s && isPySpace(text.charCodeAt(ke - 1))) ke--;
    if (ke === s) this.problem(s, d + 1, INI_MESSAGES.emptyKey);
    let vs = d + 1;
    while (vs < ve && isPySpace(text.charCodeAt(vs))) vs++;
    const separator = text.charCodeAt(d) === 0x3d ? "=" : ":";
    const first = text.slice(vs, ve);
    const valueRange = vs < ve ? range(vs, ve) : range(d + 1, d + 1);
    const entry = this.makeEntry(s, e, s, ke, first, valueRange, separator, comment);
    this.addEntry(entry);
    // An empty option name is falsy in configparser, so nothing continues it.
    this.cont = ke === s ? null : { entry, parts: [first], pendingBlank: 0 };
  }

  private finishContinuation(): void {
    const cont = this.cont;
    this.cont = null;
    if (!cont || cont.parts.length < 2) return;
    // _join_multiline_values(): '\n'.join(lines).rstrip()
    cont.entry.value = pyRstrip(cont.parts.join("\n"));
  }
}

// ---------------------------------------------------------------------------

function startsWithWord(text: string, p: number, e: number, word: string): boolean {
  if (e - p < word.length || !text.startsWith(word, p)) return false;
  const after = p + word.length;
  return after === e || isMysqlSpace(text.charCodeAt(after));
}

/**
 * remove_end_comment() of mysys: the first `#` that is not inside '...' or "..."
 * (a backslash escapes a quote only inside quotes). Returns `e` when there is none.
 */
function mysqlCommentStart(text: string, s: number, e: number): number {
  let quote = 0;
  let escape = false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if ((c === 0x27 || c === 0x22) && !escape) {
      if (!quote) quote = c;
      else if (quote === c) quote = 0;
    }
    if (!quote && c === 0x23) return i;
    escape = quote !== 0 && c === 0x5c && !escape;
  }
  return e;
}

/**
 * The value mysqld receives: surrounding quotes removed when the first and last
 * characters are the same quote, then backslash escapes \n \t \r \b \s \" \' \\
 * resolved; an unknown escape keeps its backslash.
 */
function mysqlValue(text: string, vs: number, ve: number): string {
  let s = vs;
  let e = ve;
  const q = text.charCodeAt(s);
  if ((q === 0x22 || q === 0x27) && s + 1 < e && text.charCodeAt(e - 1) === q) {
    s++;
    e--;
  }
  let hasEscape = false;
  for (let i = s; i < e; i++) {
    if (text.charCodeAt(i) === 0x5c) {
      hasEscape = true;
      break;
    }
  }
  if (!hasEscape) return text.slice(s, e);
  let out = "";
  for (let i = s; i < e; i++) {
    const c = text[i] ?? "";
    if (c === "\\" && i !== e - 1) {
      i++;
      const n = text[i] ?? "";
      switch (n) {
        case "n":
          out += "\n";
          break;
        case "t":
          out += "\t";
          break;
        case "r":
          out += "\r";
          break;
        case "b":
          out += "\b";
          break;
        case "s":
          out += " ";
          break;
        case '"':
        case "'":
        case "\\":
          out += n;
          break;
        default:
          out += "\\" + n;
      }
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Where Python 3.11's configparser starts an inline comment on [lineStart, lineEnd).
 * It looks for each prefix (';' then '#') in rounds, one occurrence per prefix per
 * round, and stops after the first round in which any occurrence is at the line
 * start or preceded by whitespace; so a later but valid `;` can lose to an earlier
 * valid `#` found in the same round, exactly like the real thing. -1: no comment.
 */
function pyInlineCommentStart(text: string, lineStart: number, lineEnd: number): number {
  let semi = lineStart - 1;
  let hash = lineStart - 1;
  let semiActive = true;
  let hashActive = true;
  let found = -1;
  while (found < 0 && (semiActive || hashActive)) {
    if (semiActive) {
      semi = findChar(text, 0x3b, semi + 1, lineEnd);
      if (semi < 0) semiActive = false;
      else if (semi === lineStart || isPySpace(text.charCodeAt(semi - 1))) found = semi;
    }
    if (hashActive) {
      hash = findChar(text, 0x23, hash + 1, lineEnd);
      if (hash < 0) hashActive = false;
      else if ((hash === lineStart || isPySpace(text.charCodeAt(hash - 1))) && (found < 0 || hash < found)) found = hash;
    }
  }
  return found;
}

function findChar(text: string, code: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

function pyRstrip(s: string): string {
  let e = s.length;
  while (e > 0 && isPySpace(s.charCodeAt(e - 1))) e--;
  return s.slice(0, e);
}
