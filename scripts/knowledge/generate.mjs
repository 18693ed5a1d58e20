#!/usr/bin/env node
// Re-create src/knowledge/generated/*.ts from the installed programs.
// Usage: node scripts/knowledge/generate.mjs [uwsgi] [redis] [mariadb] [supervisor] [nginx]
// (no argument = all). Run through generate.sh, which checks the prerequisites.
import { mkdirSync } from "node:fs";
import { GENERATED_DIR } from "./common.mjs";
import { generateMariadb } from "./mariadb.mjs";
import { generateNginx } from "./nginx.mjs";
import { generateRedis } from "./redis.mjs";
import { generateSupervisor } from "./supervisor.mjs";
import { generateUwsgi } from "./uwsgi.mjs";

const GENERATORS = { uwsgi: generateUwsgi, redis: generateRedis, mariadb: generateMariadb, supervisor: generateSupervisor, nginx: generateNginx };

const wanted = process.argv.slice(2);
for (const w of wanted) {
  if (!(w in GENERATORS)) {
    console.error(`unknown generator "${w}"; choose from ${Object.keys(GENERATORS).join(", ")}`);
    process.exit(2);
  }
}
mkdirSync(GENERATED_DIR, { recursive: true });
let failed = false;
for (const [name, gen] of Object.entries(GENERATORS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const started = Date.now();
  try {
    const r = await gen();
    console.log(`${name}: ${r.program} ${r.version} -> ${r.path.replace(/^.*\/src\//, "src/")}${r.count ? ` (${r.count} entries)` : ""} [${((Date.now() - started) / 1000).toFixed(1)} s]`);
  } catch (e) {
    failed = true;
    console.error(`${name}: FAILED: ${e instanceof Error ? e.message : String(e)}`);
  }
}
process.exit(failed ? 1 : 0);
