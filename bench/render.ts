// Re-renders markdown reports from the .json a run saved (after a change to the report or the
// targets, without running the load again): node --import tsx bench/render.ts FILE.json [...]
// One file: rewrites FILE.md. Several: also writes a summary beside the first.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderScale, renderSummary, type ScaleRun } from './lib/report.ts';
import { targets } from './scenarios.ts';

const files = process.argv.slice(2);
if (!files.length) {
  console.error('Usage: node --import tsx bench/render.ts RUN.json [RUN.json ...]');
  process.exit(2);
}
const runs = files.map((file) => {
  const run = JSON.parse(readFileSync(file, 'utf8')) as ScaleRun;
  run.startedAt = new Date(run.startedAt);
  run.finishedAt = new Date(run.finishedAt);
  run.processStart ??= {};
  for (const o of run.outcomes) o.aloneMs ??= null;
  writeFileSync(file.replace(/\.json$/, '.md'), renderScale(run, targets));
  console.log(`Wrote ${file.replace(/\.json$/, '.md')}`);
  return run;
});
if (runs.length > 1) {
  const out = files[0]!.replace(/-[^-]+\.json$/, '-summary.md');
  writeFileSync(out, renderSummary(runs, targets));
  console.log(`Wrote ${out}`);
}
