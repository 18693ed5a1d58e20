import { describe, expect, it } from "vitest";
import { findingLines, lintDir } from "./helpers/lint-dir.js";
import { tempProject } from "./helpers/temp-project.js";

const COMPOSE = (comment: string, inline = ""): string =>
  `services:\n  db:\n    image: mysql:8.0\n  web:\n    image: example/web:1.0\n    links:\n${comment}      - db${inline}\n`;

describe("inline suppressions", () => {
  it("disable-next-line with a reason hides the finding", () => {
    const dir = tempProject({ "docker-compose.yml": COMPOSE("      # stacklint-disable-next-line links-legacy -- kept for the old CI runner\n") });
    expect(findingLines(lintDir(dir))).toEqual([]);
  });
  it("disable-line on the same line", () => {
    const dir = tempProject({ "docker-compose.yml": COMPOSE("", " # stacklint-disable-line links-legacy") });
    expect(findingLines(lintDir(dir))).toEqual([]);
  });
  it("disable-file for one rule, anywhere in the file", () => {
    const dir = tempProject({ "docker-compose.yml": "# stacklint-disable-file links-legacy -- legacy stack\n" + COMPOSE("") });
    expect(findingLines(lintDir(dir))).toEqual([]);
  });
  it("a directive for another rule does not hide the finding and is reported unused", () => {
    const dir = tempProject({ "docker-compose.yml": COMPOSE("      # stacklint-disable-next-line plaintext-secret\n") });
    expect(findingLines(lintDir(dir))).toEqual(["docker-compose.yml:7:7 unused-suppression", "docker-compose.yml:8:9 links-legacy"]);
  });
  it("suppressions work in nginx, ini and redis files too", () => {
    const dir = tempProject({
      "docker-compose.yml": "services:\n  redis:\n    image: redis:7.2\n    command: redis-server /etc/redis.conf\n    volumes:\n      - ./redis.conf:/etc/redis.conf\n  web:\n    image: example/web:1.0\n    environment:\n      REDIS_URL: redis://redis:6379/0\n",
      "redis.conf": "# stacklint-disable-next-line listener-loopback-only -- only the sidecar connects\nbind 127.0.0.1\n",
    });
    expect(findingLines(lintDir(dir))).toEqual([]);
  });
});
