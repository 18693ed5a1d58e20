import { describe, expect, it } from "vitest";
import { globRegExp } from "../src/discover/glob.js";
import { globToRegExp } from "../src/engine/config.js";

describe("globRegExp (whole path: .dockerignore, chmod targets)", () => {
  it.each([
    ["*.txt", "a.txt", true],
    ["*.txt", "d/a.txt", false],
    ["**/*.pyc", "a/b/c.pyc", true],
    ["**/*.pyc", "c.pyc", true],
    ["config/local.py", "config/local.py", true],
    ["start.[sc]h", "start.sh", true],
    ["start.[!s]h", "start.sh", false],
    ["a?c", "abc", true],
    ["a?c", "a/c", false],
    ["x\\*", "x*", true],
  ])("%s vs %s → %s", (pattern, path, expected) => {
    expect(globRegExp(pattern).test(path)).toBe(expected);
  });
});

describe("globToRegExp (the config's ignore)", () => {
  it.each([
    ["legacy/**", "legacy/docker-compose.yml", true],
    ["legacy/", "legacy/a/b.conf", true],
    ["*.template", "nginx/site.conf.template", true],
    ["docker-compose.ci.yml", "sub/docker-compose.ci.yml", true],
    ["sub/docker-compose.yml", "other/sub/docker-compose.yml", false],
    ["**/tests/**", "a/tests/x.yml", true],
  ])("%s vs %s → %s", (pattern, path, expected) => {
    expect(globToRegExp(pattern).test(path)).toBe(expected);
  });
});
