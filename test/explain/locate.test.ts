/** When the model cannot tell, explain gives no config location (a note at most), never a guess. */
import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/explain.js";
import { blockSizeLooksLikeHttp } from "../../src/explain/locate-nginx.js";
import { tempProject } from "../helpers/temp-project.js";

const COMPOSE = "services:\n  nginx:\n    image: nginx:1.25\n    volumes:\n      - ./nginx/app.conf:/etc/nginx/conf.d/app.conf:ro\n  db:\n    image: mariadb:10.11\n    volumes:\n      - ./initdb:/docker-entrypoint-initdb.d:ro\n";
const FILES = {
  "docker-compose.yml": COMPOSE,
  "nginx/app.conf": "server {\n    listen 80;\n    locaton / { }\n}\n",
  "initdb/01.sql": "CREATE DATABASE a;\nCREATE DATABASE b;\n",
  "initdb/02.sql": "CREATE DATABASE c;\nCREATE DATABASE d;\n",
};

function explain(log: string) {
  const dir = tempProject(FILES);
  return explainText(log, { cwd: dir, project: ".", verbose: false }).findings;
}

describe("no guesses", () => {
  it("a printed file no mount or COPY puts there: no location", () => {
    const [f] = explain('nginx: [emerg] unknown directive "locaton" in /etc/nginx/sites-enabled/other.conf:3\n');
    expect(f!.config).toEqual([]);
    expect(f!.notes.join()).toContain("not a file of this project");
    const [g] = explain('nginx: [emerg] unknown directive "locaton" in /etc/nginx/conf.d/app.conf:3\n');
    expect(g!.config.map((c) => `${c.file}:${c.line}`)).toEqual(["nginx/app.conf:3"]);
  });
  it("a service the project does not have: a note with the real names", () => {
    const [f] = explain("ghost-1 exited with code 0\n");
    expect(f!.config).toEqual([]);
    expect(f!.notes).toEqual(['no service "ghost" in this project (services: nginx, db)']);
  });
  it("an init error without the entrypoint's `running` line and two init scripts: no location; with it: that file", () => {
    expect(explain("ERROR 1064 (42000) at line 2: You have an error in your SQL syntax\n")[0]!.config).toEqual([]);
    const [f] = explain("db-1  | [Note] [Entrypoint]: /usr/local/bin/docker-entrypoint.sh: running /docker-entrypoint-initdb.d/02.sql\ndb-1  | ERROR 1064 (42000) at line 2: You have an error in your SQL syntax\n");
    expect(f!.config.map((c) => `${c.file}:${c.line}`)).toEqual(["initdb/02.sql:2"]);
  });
  it("`invalid request block size` that is not HTTP: the headers exceed buffer-size", () => {
    expect(blockSizeLooksLikeHttp(21573)).toBe(true); // "ET" of GET
    expect(blockSizeLooksLikeHttp(21327)).toBe(true); // "OS" of POST
    expect(blockSizeLooksLikeHttp(5000)).toBe(false);
    const [f] = explain("invalid request block size: 5000 (max 4096)...skip\n");
    expect(f!.notes.join()).toContain("buffer-size");
  });
});
