import { posix } from "node:path";
import { defineRule, fixed, type RelatedDescriptor } from "../../src/engine/rule.js";
import { lookupUwsgiOption } from "../../src/knowledge/uwsgi-options.js";
import type { ImageRun } from "../../src/model/image/dockerfile-image.js";
import type { Loc, Service } from "../../src/model/types.js";
import type { ShellCommand } from "../../src/parsers/shell/ast.js";
import type { Project } from "../../src/project/project.js";
import { uwsgiConfig, uwsgiNodes, type UwsgiSetting } from "../uwsgi-no-master/uwsgi-settings.js";

/** Options that load plugins (`plugins = python3,http`). */
const PLUGIN_KEYS = new Set(["plugin", "plugins", "need-plugin", "need-plugins"]);
/** Debian/Ubuntu packages that put a uwsgi binary on the PATH. */
const APT_UWSGI = /^uwsgi(-core|-plugins?-[\w.-]+)?$/;

interface AptUwsgi {
  /** The `apt-get install` command that installs it. */
  loc: Loc;
  /** Plugin packages installed with it (`uwsgi-plugin-python3`). */
  packages: string[];
}

export default defineRule({
  meta: {
    id: "uwsgi-plugin-missing",
    description: "Debian's packaged uWSGI (apt-get install uwsgi) without `plugins = python3` for module/wsgi-file, or without `plugins = http` for `http =`",
    severity: "error",
    category: "uwsgi",
    files: ["uwsgi", "dockerfile", "compose"],
    messages: {
      python:
        "`{{key}}` needs the python plugin, but this image's uWSGI comes from apt (Debian's uwsgi-core has no language built in) and nothing loads it: uWSGI ignores `{{key}}` and starts without an app (\"!!! no request plugin is loaded, you will not be able to manage requests.\"), so every request fails; add `plugins = python3` to [uwsgi]{{package}}",
      http:
        "`{{key}}` needs the http router plugin, but this image's uWSGI comes from apt, where `http` is not built in and nothing loads it: the option is silently ignored{{consequence}}; add `http` to `plugins` (e.g. `plugins = python3,http`), or use `http-socket` (built in)",
      wrongPython:
        "`{{key}} = {{value}}` asks for `{{plugin}}_plugin.so`, which the installed packages ({{packages}}) do not provide: uWSGI logs \"!!! UNABLE to load uWSGI plugin: /usr/lib/uwsgi/plugins/{{plugin}}_plugin.so: cannot open shared object file: No such file or directory !!!\" and runs without python (\"no request plugin is loaded\"); use `python3`",
      apt: "uWSGI is installed from apt here",
    },
    fixable: false,
  },
  check({ project, model, report }) {
    const done = new Set<string>();
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        const apt = aptUwsgi(service);
        if (!apt || pipUwsgi(project, service)) continue;
        for (const node of uwsgiNodes(service)) {
          // a path outside /usr/bin is another uwsgi (pip's /usr/local/bin, a virtualenv)
          const command = node.argv[0] ?? "";
          if (command.includes("/") && !/^\/usr\/bin\//.test(command)) continue;
          const binary = posix.basename(command);
          // uwsgi_python3 / uwsgi_python311 have the python plugin preloaded
          const pythonBuiltIn = /^uwsgi_python/.test(binary);
          if (binary !== "uwsgi" && binary !== "uwsgi-core" && !pythonBuiltIn) continue;
          const config = uwsgiConfig(project, service, node);
          if (!config.complete) continue;
          const loaded = new Set<string>();
          const pluginSettings: UwsgiSetting[] = [];
          let unknownPlugins = false;
          for (const s of config.settings) {
            if (!PLUGIN_KEYS.has(s.key)) continue;
            pluginSettings.push(s);
            if (s.value === undefined) unknownPlugins = true;
            for (const p of (s.value ?? "").split(/[\s,]+/)) if (p) loaded.add(posix.basename(p).replace(/_plugin\.so$/, ""));
          }
          if (unknownPlugins) continue;
          const related: RelatedDescriptor[] = [{ at: apt.loc, messageId: "apt" }];
          const hasPython = pythonBuiltIn || [...loaded].some((p) => /^python/.test(p));
          const pythonPackage = apt.packages.some((p) => /^uwsgi-plugin-python3$/.test(p));
          // a python plugin the packages do not provide (`python` = Python 2 on old releases)
          for (const s of pluginSettings) {
            for (const p of (s.value ?? "").split(/[\s,]+/)) {
              const name = posix.basename(p).replace(/_plugin\.so$/, "");
              if (!/^python\d*$/.test(name) || name.startsWith("python3")) continue;
              if (apt.packages.some((pkg) => pkg === `uwsgi-plugin-${name}` || pkg === "uwsgi-plugin-python" || pkg === "uwsgi-plugins-all")) continue;
              if (!pythonPackage || s.source !== "ini") continue;
              const key = `${s.loc.file.path}:${s.loc.start}`;
              if (done.has(key)) continue;
              done.add(key);
              report({ messageId: "wrongPython", at: s.loc, related, data: { key: s.key, value: s.raw, plugin: name, packages: fixed(apt.packages.join(", ")) } });
            }
          }
          if (!hasPython) {
            const first = config.settings.find((s) => s.source === "ini" && lookupUwsgiOption(s.key)?.plugin === "python3");
            if (first) {
              const key = `${first.loc.file.path}:${first.loc.start}`;
              if (!done.has(key)) {
                done.add(key);
                report({
                  messageId: "python",
                  at: first.loc,
                  related,
                  data: { key: first.key, package: pythonPackage ? fixed("") : fixed(" and install `uwsgi-plugin-python3`", "，并安装 `uwsgi-plugin-python3`") },
                });
              }
            }
          }
          if (!loaded.has("http")) {
            const http = config.settings.find((s) => s.source === "ini" && lookupUwsgiOption(s.key)?.plugin === "http");
            if (http) {
              const key = `${http.loc.file.path}:${http.loc.start}`;
              if (done.has(key)) continue;
              done.add(key);
              const otherSocket = config.settings.some((s) => /^(socket|uwsgi-socket|http-socket|https-socket|fastcgi-socket|shared-socket|s)$/.test(s.key));
              report({
                messageId: "http",
                at: http.loc,
                related,
                data: {
                  key: http.key,
                  consequence: otherSocket
                    ? fixed(", so nothing listens where it says", "，所以它写的那个地址上没有任何程序监听")
                    : fixed(
                        "; with no other socket, uWSGI exits at start with \"The -s/--socket option is missing and stdin is not a socket.\"",
                        "；由于没有其他套接字，uWSGI 启动时就退出，报错 \"The -s/--socket option is missing and stdin is not a socket.\"",
                      ),
                },
              });
            }
          }
        }
      }
    }
  },
});

/** `apt-get install ... uwsgi ...` in the image's Dockerfile. */
function aptUwsgi(service: Service): AptUwsgi | undefined {
  for (const run of service.build?.image?.runs ?? []) {
    for (const c of run.commands) {
      const words = c.words.map((w) => w.value);
      const i = words.findIndex((w) => w === "apt-get" || w === "apt" || w === "aptitude");
      if (i < 0 || !words.slice(i + 1).includes("install")) continue;
      const packages = words.slice(i + 1).filter((w) => APT_UWSGI.test(w.replace(/=.*$/, "")));
      if (packages.length === 0) continue;
      const file = service.build!.image!.file.source;
      return { loc: { file, start: c.start, end: c.end }, packages: packages.map((p) => p.replace(/=.*$/, "")) };
    }
  }
  return undefined;
}

/**
 * pip's uWSGI (python and http built in) shadows the apt one in /usr/local/bin. True when any
 * pip install names uwsgi, or installs a requirements file that does (or cannot be read).
 */
function pipUwsgi(project: Project, service: Service): boolean {
  const image = service.build?.image;
  if (!image || !service.build) return true;
  for (const run of image.runs) {
    for (const c of run.commands) {
      if (!isPipInstall(c)) continue;
      const words = c.words.map((w) => w.value);
      if (words.some((w) => /^uwsgi\b/i.test(w))) return true;
      // the project's own metadata, a Pipfile or a lock file may list uwsgi: not known
      if (words.some((w) => w === "." || w.startsWith("./") || w === "-e" || w === "--editable" || /^(pipenv|poetry|uv)$/.test(w) || w === "setup.py")) return true;
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        const req = w === "-r" || w === "--requirement" ? words[i + 1] : /^(-r|--requirement=)(.+)$/.exec(w)?.[2];
        if (req === undefined) continue;
        if (requirementsMentionUwsgi(project, service, run, req) !== false) return true;
      }
    }
  }
  return false;
}

function isPipInstall(c: ShellCommand): boolean {
  const words = c.words.map((w) => w.value);
  const pip = words.findIndex((w) => /^pip[\d.]*$/.test(posix.basename(w)) || w === "pipenv" || w === "poetry" || w === "uv");
  const viaPython = words.findIndex((w, i) => w === "-m" && /^pip/.test(words[i + 1] ?? ""));
  return (pip >= 0 || viaPython >= 0) && words.includes("install") || words.some((w) => w === "setup.py");
}

/** Reads a requirements file copied from the build context: true/false, or undefined when unknown. */
function requirementsMentionUwsgi(project: Project, service: Service, run: ImageRun, path: string): boolean | undefined {
  const containerPath = posix.resolve(run.workdir, path);
  const image = service.build!.image!;
  for (let i = image.copies.length - 1; i >= 0; i--) {
    const copy = image.copies[i]!;
    if (copy.fromStage) continue;
    for (const source of copy.sources) {
      const host = posix.join(service.build!.context, source);
      const kind = project.pathKind(host);
      let candidate: string | undefined;
      if (kind === "dir") {
        const dest = copy.dest.replace(/\/+$/, "");
        if (containerPath.startsWith(dest + "/")) candidate = posix.join(host, containerPath.slice(dest.length + 1));
      } else if (kind === "file") {
        const target = copy.dest.endsWith("/") ? posix.join(copy.dest, posix.basename(source)) : copy.dest;
        if (target === containerPath) candidate = host;
      }
      if (!candidate || project.pathKind(candidate) !== "file") continue;
      const text = project.source(candidate)?.text;
      return text === undefined ? undefined : /^\s*uwsgi\b/im.test(text);
    }
  }
  return undefined;
}
