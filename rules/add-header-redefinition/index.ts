import { defineRule, fixed, type RelatedDescriptor } from "../../src/engine/rule.js";
import { nginxInstances, type LoadedNginxFile, type NginxInstance } from "../../src/model/nginx-instance.js";
import type { NginxDirective } from "../../src/parsers/nginx/ast.js";
import { isStandardParamsInclude, nginxTree } from "../../src/parsers/nginx/tree.js";
import type { ProjectFile } from "../../src/project/project.js";
import type { SourceFile } from "../../src/source/source-file.js";

/** Levels add_header is inherited through (`if` only inside a location). */
const SCOPES = new Set(["http", "server", "location", "if"]);

/**
 * One configuration level: its directives, possibly from several files (a file's top level
 * joins the level it is included at), as (directive list, file) parts: no object per directive.
 */
type Level = {
  name: string;
  parts: { list: readonly NginxDirective[]; file: SourceFile }[];
  /** Facts about `items`, computed once per level (a big file's top level is shared by thousands of blocks). */
  facts?: { inheritChanged: boolean; unresolved: boolean; headers: { d: NginxDirective; file: SourceFile }[] };
};

export default defineRule({
  meta: {
    id: "add-header-redefinition",
    description: "`add_header` in a nested block drops every `add_header` of the outer levels (nginx inherits them only when the block has none)",
    severity: "warning",
    category: "nginx",
    files: ["nginx"],
    messages: {
      dropped:
        "this `add_header` makes nginx drop the {{count}} header(s) set at the {{level}} level ({{names}}): add_header directives are inherited only by blocks that define none, so responses from this {{block}} lack them; repeat them here (or move them to an included snippet), or with nginx ≥ 1.29.3 use `add_header_inherit merge;`",
      outer: "`{{name}}` is set here and dropped in the nested block",
    },
    fixable: false,
  },
  check({ project, model, report }) {
    const instances = nginxInstances(project, model.stacks);
    const loadsOf = new Map<ProjectFile<"nginx">, { instance: NginxInstance; loaded: LoadedNginxFile }[]>();
    for (const instance of instances) {
      for (const loaded of instance.files) {
        const list = loadsOf.get(loaded.file) ?? [];
        list.push({ instance, loaded });
        loadsOf.set(loaded.file, list);
      }
    }
    const done = new Set<NginxDirective>();

    for (const file of project.filesOf("nginx")) {
      const tree = nginxTree(file.ast);
      const chains = (loadsOf.get(file) ?? []).map(({ instance, loaded }) => topChain(instance, loaded, 0));
      if (chains.length === 0) chains.push([levelOf(file, undefined)]);

      // the blocks that set add_header themselves, each once
      const blocks = new Set<NginxDirective>();
      for (const header of tree.named("add_header")) if (header.parent) blocks.add(header.parent);
      // Nothing can be dropped where no outer level sets a header: when neither an enclosing
      // block nor the levels the file is loaded into have one, skip the block without building
      // its levels (the usual case: add_header in locations only).
      const outerFileLevelsSetHeaders = chains.some((chain) => chain.some((level) => factsOf(level, unresolved).headers.length > 0));
      const enclosedBySetter = (block: NginxDirective): boolean => {
        for (let p = block.parent; p; p = p.parent) if (SCOPES.has(p.name) && blocks.has(p)) return true;
        return false;
      };
      for (const block of blocks) {
        if (!SCOPES.has(block.name) || !block.block || done.has(block)) continue;
        if (!outerFileLevelsSetHeaders && !enclosedBySetter(block)) continue;
        // add_header is allowed in `if` only inside a location
        if (block.name === "if" && !tree.ancestors(block).some((a) => a.name === "location")) continue;
        const own = block.block.filter((d) => d.name === "add_header" && d.args[0]);
        if (own.length === 0) continue;
        const inner: Level[] = [block, ...tree.ancestors(block)].filter((b) => SCOPES.has(b.name)).map((b) => levelOf(file, b));
        for (const outer of chains) {
          const levels = [...inner, ...outer];
          const hit = firstDrop(levels, own.map((d) => d.args[0]!.value.toLowerCase()), (d, f) => unresolved(d, f));
          if (!hit) continue;
          done.add(block);
          const first = own[0]!;
          const related: RelatedDescriptor[] = hit.dropped.map((x) => ({
            at: { file: x.file, start: x.d.nameRange.start, end: x.d.end }, messageId: "outer", data: { name: x.d.args[0]!.value },
          }));
          report({
            messageId: "dropped",
            at: { file: file.source, start: first.nameRange.start, end: first.nameRange.end },
            related,
            data: {
              count: hit.dropped.length,
              names: [...new Set(hit.dropped.map((x) => x.d.args[0]!.value))].join(", "),
              level: fixed(hit.level),
              block: block.name === "if" ? fixed("`if` block", "`if` 块") : fixed(block.name),
            },
          });
          break;
        }
      }
    }

    /** Is this `include` one whose content we cannot see (so it may hold add_header)? */
    function unresolved(d: NginxDirective, file: SourceFile): boolean {
      if (d.name !== "include") return false;
      const target = d.args[0]?.value ?? "";
      if (isStandardParamsInclude(target)) return false;
      for (const instance of instances) {
        const inc = instance.includes.find((i) => i.directive === d && i.from.file.source === file);
        if (inc && (inc.target.kind === "project" || inc.target.kind === "glob")) return false;
      }
      return true;
    }

    /**
     * Levels from a loaded file's top level outwards: the top level joins the level of the
     * `include` that loads it (with every other file included there), then that level's parents.
     */
    function topChain(instance: NginxInstance, loaded: LoadedNginxFile, depth: number): Level[] {
      const top = levelOf(loaded.file, undefined);
      if (depth > 20) return [top];
      if (!loaded.includedBy) {
        if (loaded.context.length === 0) return [top];
        // conf.d files of the image's own nginx.conf share its http level (which sets no add_header)
        const http: Level = { name: "http", parts: [] };
        for (const f of instance.files) if (!f.includedBy && f.context.length > 0) http.parts.push({ list: f.file.ast.directives, file: f.file.source });
        return [http];
      }
      const { file: parentFile, directive: inc } = loaded.includedBy;
      const ptree = nginxTree(parentFile.ast);
      const at = ptree.parent(inc);
      const parentLoaded = instance.files.find((f) => f.file === parentFile);
      const outer: Level[] = [];
      if (at) for (const b of [at, ...ptree.ancestors(at)]) if (SCOPES.has(b.name)) outer.push(levelOf(parentFile, b));
      const parentTop = parentLoaded ? topChain(instance, parentLoaded, depth + 1) : [levelOf(parentFile, undefined)];
      const chain = at ? [...outer, ...parentTop] : parentTop;
      // siblings: other files included at the same level
      const siblings = instance.files.filter((f) => f.includedBy && f.includedBy.file === parentFile && ptree.parent(f.includedBy.directive) === at);
      const first = chain[0]!;
      const merged: Level = { name: first.name, parts: [...first.parts] };
      for (const s of siblings) merged.parts.push({ list: s.file.ast.directives, file: s.file.source });
      return [merged, ...chain.slice(1)];
    }
  },
});

const LEVELS = new WeakMap<object, Level>();

/** The level a block (or a file's top level) forms, built once per block. */
function levelOf(file: ProjectFile<"nginx">, block: NginxDirective | undefined): Level {
  const key: object = block ?? file;
  const cached = LEVELS.get(key);
  if (cached) return cached;
  const list = block ? block.block ?? [] : file.ast.directives;
  const level: Level = { name: block ? block.name : "file", parts: [{ list, file: file.source }] };
  LEVELS.set(key, level);
  return level;
}

function factsOf(level: Level, unresolved: (d: NginxDirective, file: SourceFile) => boolean): NonNullable<Level["facts"]> {
  if (!level.facts) {
    const facts: NonNullable<Level["facts"]> = { inheritChanged: false, unresolved: false, headers: [] };
    for (const { list, file } of level.parts) {
      for (const d of list) {
        if (d.name === "add_header_inherit" && d.args[0]?.value !== "on") facts.inheritChanged = true;
        else if (d.name === "add_header" && d.args[0]) facts.headers.push({ d, file });
        else if (!facts.unresolved && unresolved(d, file)) facts.unresolved = true;
      }
    }
    level.facts = facts;
  }
  return level.facts;
}

function firstDrop(
  levels: Level[],
  ownNames: string[],
  unresolved: (d: NginxDirective, file: SourceFile) => boolean,
): { level: string; dropped: { d: NginxDirective; file: SourceFile }[] } | undefined {
  // `add_header_inherit merge|off` (nginx 1.29.3) anywhere on the way changes the rules: stay silent
  if (levels.some((l) => factsOf(l, unresolved).inheritChanged)) return undefined;
  const own = levels[0]!;
  if (factsOf(own, unresolved).unresolved) return undefined;
  for (const level of levels.slice(1)) {
    if (factsOf(level, unresolved).unresolved) return undefined;
    const headers = factsOf(level, unresolved).headers;
    if (headers.length === 0) continue;
    const dropped = headers.filter((x) => !ownNames.includes(x.d.args[0]!.value.toLowerCase()));
    return dropped.length > 0 ? { level: level.name === "file" ? "file's top" : level.name, dropped } : undefined;
  }
  return undefined;
}
