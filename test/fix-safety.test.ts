/**
 * What `--fix` guarantees: atomic writes (temp file + rename; an error at any step leaves every
 * file old or new), idempotence, encoding / BOM / line endings / mode / comments kept, and no
 * write outside the project. Failures are injected into node:fs (the suite may run as root, so
 * a read-only directory would not stop it).
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "./helpers/run-cli.js";
import { tempProject } from "./helpers/temp-project.js";

const inject = vi.hoisted(() => ({ failAt: undefined as undefined | { op: "open" | "write" | "fsync" | "rename"; nth: number }, calls: { open: 0, write: 0, fsync: 0, rename: 0 } }));

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const fail = (op: "open" | "write" | "fsync" | "rename"): void => {
    inject.calls[op]++;
    if (inject.failAt?.op === op && inject.calls[op] === inject.failAt.nth) throw Object.assign(new Error(`${op}: injected failure (ENOSPC)`), { code: "ENOSPC" });
  };
  const wrapped = {
    openSync: ((path: import("node:fs").PathLike, flags?: import("node:fs").OpenMode, mode?: import("node:fs").Mode) => {
      if (flags === "wx") fail("open");
      return fs.openSync(path, flags ?? "r", mode);
    }) as typeof fs.openSync,
    writeSync: ((...args: unknown[]) => {
      fail("write");
      return (fs.writeSync as (...a: unknown[]) => number)(...args);
    }) as typeof fs.writeSync,
    fsyncSync: ((fd: number) => {
      fail("fsync");
      fs.fsyncSync(fd);
    }) as typeof fs.fsyncSync,
    renameSync: ((a: import("node:fs").PathLike, b: import("node:fs").PathLike) => {
      fail("rename");
      fs.renameSync(a, b);
    }) as typeof fs.renameSync,
  };
  return { ...fs, ...wrapped, default: { ...fs, ...wrapped } };
});

afterEach(() => {
  inject.failAt = undefined;
  inject.calls = { open: 0, write: 0, fsync: 0, rename: 0 };
});

const NGINX_ON = "events {}\nhttp {\n    # keep this comment\n    server_tokens on;\n    server {\n        listen 80;\n    }\n}\n";
const NGINX_OFF = NGINX_ON.replace("server_tokens on;", "server_tokens off;");
const UWSGI_BAD = "[uwsgi]\n; a comment\nmodule = app.wsgi:application\nmaster = true ; inline comment\n";

function fix(dir: string): { code: number; stderr: string } {
  const r = runCli(dir, ["--fix", "--no-config", "--format", "json"]);
  return { code: r.code, stderr: r.stderr };
}
const read = (dir: string, rel: string): Buffer => readFileSync(join(dir, rel));
const leftovers = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.includes(".stacklint-"));

describe("--fix safety", () => {
  it("writes through a temp file and a rename (a new inode), leaving no temp file", () => {
    const dir = tempProject({ "nginx/nginx.conf": NGINX_ON });
    const before = statSync(join(dir, "nginx/nginx.conf")).ino;
    expect(fix(dir).stderr).toBe("");
    expect(read(dir, "nginx/nginx.conf").toString()).toBe(NGINX_OFF);
    expect(statSync(join(dir, "nginx/nginx.conf")).ino).not.toBe(before);
    expect(inject.calls.rename).toBeGreaterThan(0);
    expect(leftovers(dir)).toEqual([]);
  });

  it("is idempotent: a second run changes no byte", () => {
    const dir = tempProject({ "nginx/nginx.conf": NGINX_ON, "app/uwsgi.ini": UWSGI_BAD });
    fix(dir);
    const once = [read(dir, "nginx/nginx.conf"), read(dir, "app/uwsgi.ini")];
    expect(once[0]!.toString()).toBe(NGINX_OFF);
    expect(once[1]!.toString()).not.toBe(UWSGI_BAD);
    fix(dir);
    expect([read(dir, "nginx/nginx.conf"), read(dir, "app/uwsgi.ini")]).toEqual(once);
    const again = runCli(dir, ["--no-config", "--format", "json"]);
    expect((JSON.parse(again.stdout) as { diagnostics: { fix?: { safe: boolean } }[] }).diagnostics.filter((d) => d.fix?.safe)).toEqual([]);
  });

  for (const op of ["open", "write", "fsync", "rename"] as const) {
    for (const nth of [1, 2]) {
      it(`an error at ${op} #${nth} leaves every file old or new, and no temp file`, () => {
        const dir = tempProject({ "a/nginx.conf": NGINX_ON, "b/nginx.conf": NGINX_ON, "c/uwsgi.ini": UWSGI_BAD });
        inject.failAt = { op, nth };
        const r = fix(dir);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/injected failure/);
        for (const f of ["a/nginx.conf", "b/nginx.conf"]) expect([NGINX_ON, NGINX_OFF]).toContain(read(dir, f).toString());
        expect(read(dir, "c/uwsgi.ini").toString()).not.toMatch(/\0/);
        expect(leftovers(dir)).toEqual([]);
        // and the next run completes the job
        inject.failAt = undefined;
        expect(fix(dir).stderr).toBe("");
        for (const f of ["a/nginx.conf", "b/nginx.conf"]) expect(read(dir, f).toString()).toBe(NGINX_OFF);
      });
    }
  }

  it("keeps UTF-8 BOM, UTF-16 LE/BE with BOM, CRLF line endings and comments", () => {
    const crlf = NGINX_ON.replace(/\n/g, "\r\n");
    const be = Buffer.from(NGINX_ON, "utf16le");
    for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
    const dir = tempProject({
      "bom/nginx.conf": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(NGINX_ON)]),
      "le/nginx.conf": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NGINX_ON, "utf16le")]),
      "be/nginx.conf": Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
      "crlf/nginx.conf": crlf,
    });
    expect(fix(dir).stderr).toBe("");
    expect(read(dir, "bom/nginx.conf")).toEqual(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(NGINX_OFF)]));
    expect(read(dir, "le/nginx.conf")).toEqual(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NGINX_OFF, "utf16le")]));
    const beOut = read(dir, "be/nginx.conf");
    expect([beOut[0], beOut[1]]).toEqual([0xfe, 0xff]);
    const swapped = Buffer.from(beOut.subarray(2));
    for (let i = 0; i + 1 < swapped.length; i += 2) [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
    expect(swapped.toString("utf16le")).toBe(NGINX_OFF);
    expect(read(dir, "crlf/nginx.conf").toString()).toBe(NGINX_OFF.replace(/\n/g, "\r\n"));
    expect(read(dir, "crlf/nginx.conf").toString()).toContain("# keep this comment\r\n");
  });

  it("keeps the file mode (exec bits, group/other bits)", () => {
    const dir = tempProject({ "nginx/nginx.conf": NGINX_ON, "app/uwsgi.ini": UWSGI_BAD });
    chmodSync(join(dir, "nginx/nginx.conf"), 0o640);
    chmodSync(join(dir, "app/uwsgi.ini"), 0o755);
    fix(dir);
    expect(read(dir, "nginx/nginx.conf").toString()).toBe(NGINX_OFF);
    expect(statSync(join(dir, "nginx/nginx.conf")).mode & 0o7777).toBe(0o640);
    expect(statSync(join(dir, "app/uwsgi.ini")).mode & 0o7777).toBe(0o755);
  });

  it("never rewrites GBK or Latin-1 files (their bytes could not be written back exactly)", () => {
    const gbk = Buffer.concat([Buffer.from("events {}\nhttp {\n    # "), Buffer.from([0xd7, 0xa2, 0xca, 0xcd]), Buffer.from("\n    server_tokens on;\n}\n")]);
    const dir = tempProject({ "nginx/nginx.conf": gbk });
    fix(dir);
    expect(read(dir, "nginx/nginx.conf")).toEqual(gbk);
  });

  it("never writes outside the project: a bind-mount source outside the root", () => {
    const outside = tempProject({ "nginx.conf": NGINX_ON });
    const dir = tempProject({
      "docker-compose.yml": `services:\n  nginx:\n    image: nginx:1.27\n    volumes:\n      - ${join(outside, "nginx.conf")}:/etc/nginx/nginx.conf:ro\n`,
    });
    const lint = runCli(dir, ["--no-config", "--format", "json"]);
    const found = (JSON.parse(lint.stdout) as { diagnostics: { ruleId: string; fix?: unknown }[] }).diagnostics.filter((d) => d.ruleId === "server-tokens");
    expect(found.length).toBeGreaterThan(0); // the outside file is linted ...
    fix(dir);
    expect(read(outside, "nginx.conf").toString()).toBe(NGINX_ON); // ... but never written
  });

  it("never writes outside the project: a path through a symlinked directory that leads out", () => {
    const outside = tempProject({ "nginx.conf": NGINX_ON });
    const dir = tempProject({
      "docker-compose.yml": "services:\n  nginx:\n    image: nginx:1.27\n    volumes:\n      - ./conf/nginx.conf:/etc/nginx/nginx.conf:ro\n",
    });
    symlinkSync(outside, join(dir, "conf"));
    fix(dir);
    expect(read(outside, "nginx.conf").toString()).toBe(NGINX_ON);
  });

  it("a symlinked file inside the project: the target is fixed, the link stays a link", () => {
    const dir = tempProject({ "real/nginx.conf": NGINX_ON });
    mkdirSync(join(dir, "nginx"));
    symlinkSync(join(dir, "real/nginx.conf"), join(dir, "nginx/nginx.conf"));
    writeFileSync(join(dir, "docker-compose.yml"), "services:\n  nginx:\n    image: nginx:1.27\n    volumes:\n      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro\n");
    fix(dir);
    expect(read(dir, "real/nginx.conf").toString()).toBe(NGINX_OFF);
    expect(lstatSync(join(dir, "nginx/nginx.conf")).isSymbolicLink()).toBe(true);
  });
});
