// Fallback RSS probe for bench/run.mjs when /usr/bin/time is missing: `node --require bench/rss-probe.cjs ...`
// reports this process's peak resident set size (KiB) on stderr as it exits.
"use strict";
if (process.env.STACKLINT_BENCH_RSS) {
  process.on("exit", () => process.stderr.write(`\nstacklint-bench-maxrss=${process.resourceUsage().maxRSS}\n`));
}
