// Markdown reports: one table per scale, the targets with their ratios, the EXPLAIN, and a summary
// across scales when a run covers several.
import type { Dataset } from './data.ts';
import type { InfoExplain } from './explain.ts';
import { median, type LoadFigures } from './load.ts';
import { scaleLabel } from './options.ts';
import type { Metric, Target, TargetCheck } from './scenario.ts';

export interface ScenarioOutcome {
  name: string;
  title: string;
  target: Target;
  connections: number;
  /** null: measured; otherwise why not ("route missing", ...). */
  unavailable: string | null;
  statements: number | null;
  /** One request (loop) sent alone, median of the probe's samples, ms. */
  aloneMs: number | null;
  rounds: LoadFigures[];
  rssMb: (number | null)[];
  jsonCheck?: string;
  /** Size of the probe's answer: bytes of each step and the items of its lists. */
  response?: string;
}

export interface RunSettings {
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  connections: number;
  rssConnections: number;
}

export interface ScaleRun {
  dataset: Dataset;
  startedAt: Date;
  finishedAt: Date;
  settings: RunSettings;
  environment: string[];
  explain: InfoExplain | null;
  explainError?: string;
  outcomes: ScenarioOutcome[];
  /** VmHWM of each server over the whole scale run, MB. */
  processPeaks: Partial<Record<Target, number | null>>;
  /** VmRSS of each server once it answered its health check, before any load, MB. */
  processStart: Partial<Record<Target, number | null>>;
  notes: string[];
}

const fmt = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined || Number.isNaN(value) ? '—' : value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function figure(outcome: ScenarioOutcome | undefined, metric: Metric): number | null {
  if (!outcome || outcome.unavailable || !outcome.rounds.length) return null;
  if (metric === 'rss') {
    const values = outcome.rssMb.filter((v): v is number => v !== null);
    return values.length ? Math.max(...values) : null;
  }
  // A run in which no response completed has no latency (older reports stored 0 there).
  const rounds = metric === 'rps' ? outcome.rounds : outcome.rounds.filter((r) => r.requests > 0);
  const values = rounds.map((r) => r[metric]).filter((v) => v !== null && !Number.isNaN(v));
  return values.length ? median(values) : null;
}

/** Median over rounds of the per-round ratio. */
function roundRatio(a: ScenarioOutcome, b: ScenarioOutcome, metric: Metric): number | null {
  const n = Math.min(a.rounds.length, b.rounds.length);
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) {
    const value = (o: ScenarioOutcome) => (metric === 'rss' ? o.rssMb[i] : metric !== 'rps' && o.rounds[i]!.requests === 0 ? null : o.rounds[i]![metric]);
    const top = value(a);
    const bottom = value(b);
    if (top !== null && top !== undefined && !Number.isNaN(top) && bottom && !Number.isNaN(bottom)) ratios.push(top / bottom);
  }
  return ratios.length ? median(ratios) : null;
}

const met = (value: number | null, goal: '>=' | '<=', limit: number) =>
  value === null ? 'n/a' : (goal === '>=' ? value >= limit : value <= limit) ? 'met' : '**missed**';

const unitOf = (metric: Metric) => (metric === 'rss' ? 'MB' : metric === 'rps' ? 'req/s' : 'ms');

function missingReason(name: string, outcome: ScenarioOutcome | undefined): string {
  if (!outcome) return `${name} not run`;
  return `${name}: ${outcome.unavailable}`;
}

export interface TargetRow {
  measure: string;
  goal: string;
  measured: string;
  verdict: string;
}

export function evaluateTargets(run: ScaleRun, checks: TargetCheck[]): TargetRow[] {
  const byName = new Map(run.outcomes.map((o) => [o.name, o]));
  const scale = run.dataset.scale;
  return checks.map((check): TargetRow => {
    const goal = `${check.goal} ${check.value}${check.kind === 'absolute' ? ' ' + check.unit : ''}`;
    if (check.kind === 'ratio') {
      const a = byName.get(check.numerator);
      const b = byName.get(check.denominator);
      if (!a || !b || a.unavailable || b.unavailable) {
        const sides: [string, ScenarioOutcome | undefined][] = [
          [check.numerator, a],
          [check.denominator, b],
        ];
        const why = sides
          .filter(([, o]) => !o || o.unavailable)
          .map(([name, o]) => missingReason(name, o))
          .join('; ');
        return { measure: check.measure, goal, measured: `n/a (${why})`, verdict: 'n/a' };
      }
      const ratio = roundRatio(a, b, check.metric);
      const detail = `${fmt(figure(a, check.metric))} / ${fmt(figure(b, check.metric))} ${unitOf(check.metric)}`;
      return { measure: check.measure, goal, measured: `${fmt(ratio, 2)} (${detail})`, verdict: met(ratio, check.goal, check.value) };
    }
    if (check.kind === 'across-scales') {
      return { measure: check.measure, goal, measured: 'see the summary of a run covering both scales', verdict: '—' };
    }
    const outcome = byName.get(check.scenario);
    const value = figure(outcome, check.metric);
    const judged = check.scale === undefined || check.scale === scale;
    let measured = !outcome
      ? `n/a (${check.scenario} not run)`
      : outcome.unavailable
        ? `n/a (${outcome.unavailable})`
        : `${fmt(value, check.metric === 'rss' ? 1 : 0)} ${check.unit}`;
    let verdict = judged ? met(!outcome || outcome.unavailable ? null : value, check.goal, check.value) : `(judged at ${scaleLabel(check.scale!)})`;
    if (check.explainIndexScan) {
      const plan = run.explain;
      const scan = plan ? (plan.indexScan && !plan.seqScan ? `index scan (${plan.indexes.join(', ')})` : plan.seqScan ? 'SEQ SCAN' : 'no index') : 'no EXPLAIN';
      measured += `; EXPLAIN: ${scan}`;
      if (judged && plan && (!plan.indexScan || plan.seqScan)) verdict = '**missed**';
    }
    return { measure: check.measure, goal, measured, verdict };
  });
}

export function renderScale(run: ScaleRun, checks: TargetCheck[]): string {
  const { dataset, settings } = run;
  const lines: string[] = [];
  lines.push(`# Gantry benchmark: ${scaleLabel(dataset.scale)} tasks`);
  lines.push('');
  lines.push(`Run ${run.startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC, ${((run.finishedAt.getTime() - run.startedAt.getTime()) / 60000).toFixed(1)} min.`);
  lines.push(
    `Database \`${dataset.database}\`: ${dataset.tasks.toLocaleString('en')} tasks (scale ${dataset.scale.toLocaleString('en')} + demo seed), ` +
      `${dataset.reused ? 'reused; it was loaded' : 'loaded'} in ${dataset.loadSeconds.toFixed(1)} s (\`gantry seed --scale\` alone: ${dataset.seedSeconds.toFixed(1)} s).`,
  );
  lines.push(
    `"alone ms": one request (or request sequence) sent with no other load, median of the probe's samples. ` +
      `Load: autocannon, ${settings.connections} connections (RSS scenario ${settings.rssConnections}), ${settings.rounds} round(s) of ${settings.durationSeconds} s ` +
      `after a ${settings.warmupSeconds} s warm-up per scenario; figures are medians over rounds, peak RSS the maximum.`,
  );
  for (const line of run.environment) lines.push(`- ${line}`);
  lines.push('');
  lines.push('| scenario | server | conns | req/s | p50 ms | p99 ms | alone ms | SQL/req | peak RSS MB | non-2xx / errors |');
  lines.push('|---|---|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const o of run.outcomes) {
    if (o.unavailable) {
      lines.push(`| ${o.title} | ${o.target} | ${o.connections} | n/a (${o.unavailable}) | | | | | | |`);
      continue;
    }
    const bad = o.rounds.reduce((sum, r) => sum + r.non2xx, 0);
    const errors = o.rounds.reduce((sum, r) => sum + r.errors, 0);
    lines.push(
      `| ${o.title} | ${o.target} | ${o.connections} | ${fmt(figure(o, 'rps'))} | ${fmt(figure(o, 'p50'), 1)} | ${fmt(figure(o, 'p99'), 1)} | ${fmt(o.aloneMs, 1)} | ` +
        `${fmt(o.statements, o.statements !== null && !Number.isInteger(o.statements) ? 1 : 0)} | ${fmt(figure(o, 'rss'), 1)} | ${bad} / ${errors} |`,
    );
  }
  const peaks = Object.entries(run.processPeaks)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k} ${fmt(v, 1)} MB`);
  const starts = Object.entries(run.processStart)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k} ${fmt(v, 1)} MB`);
  if (peaks.length) {
    lines.push('');
    lines.push(`RSS of each server when ready, before any load: ${starts.join(', ')}; peak over the whole run (VmHWM): ${peaks.join(', ')}.`);
  }
  const answered = run.outcomes.filter((o) => o.response);
  if (answered.length) {
    lines.push('');
    lines.push('Answers (one probe request each):');
    lines.push('');
    for (const o of answered) lines.push(`- ${o.name}: ${o.response}${o.jsonCheck ? `; ${o.jsonCheck}` : ''}`);
  }

  lines.push('');
  lines.push('## Targets');
  lines.push('');
  lines.push('| measure | target | measured | verdict |');
  lines.push('|---|---|---|---|');
  for (const row of evaluateTargets(run, checks)) lines.push(`| ${row.measure} | ${row.goal} | ${row.measured} | ${row.verdict} |`);

  lines.push('');
  lines.push('## EXPLAIN of the info query');
  lines.push('');
  if (run.explain) {
    const e = run.explain;
    lines.push(`Filter \`info=${e.filter}\`; WHERE built by the gateway's \`infoEquals\` (src/graphql/list.ts), list shape of \`listRows\`:`);
    lines.push('');
    lines.push('```sql');
    lines.push(e.sqlText);
    lines.push('```');
    lines.push('');
    lines.push('```');
    lines.push(e.plan);
    lines.push('```');
  } else {
    lines.push(`Not available: ${run.explainError ?? 'not run'}.`);
  }
  if (run.notes.length) {
    lines.push('');
    lines.push('## Notes');
    lines.push('');
    for (const note of run.notes) lines.push(`- ${note}`);
  }
  return lines.join('\n') + '\n';
}

export function renderSummary(runs: ScaleRun[], checks: TargetCheck[]): string {
  const lines: string[] = [];
  lines.push(`# Gantry benchmark summary: ${runs.map((r) => scaleLabel(r.dataset.scale)).join(', ')}`);
  lines.push('');
  const names = [...new Set(runs.flatMap((r) => r.outcomes.map((o) => o.name)))];
  lines.push(`| scenario | ${runs.map((r) => `${scaleLabel(r.dataset.scale)} req/s | ${scaleLabel(r.dataset.scale)} p50 ms`).join(' | ')} |`);
  lines.push(`|---|${runs.map(() => '--:|--:').join('|')}|`);
  for (const name of names) {
    const cells = runs.map((run) => {
      const o = run.outcomes.find((x) => x.name === name);
      if (!o) return '— | —';
      if (o.unavailable) return 'n/a | ';
      return `${fmt(figure(o, 'rps'))} | ${fmt(figure(o, 'p50'), 1)}`;
    });
    const title = runs.flatMap((r) => r.outcomes).find((o) => o.name === name)!.title;
    lines.push(`| ${title} | ${cells.join(' | ')} |`);
  }
  lines.push('');
  lines.push('| scale | load time s (seed --scale) | ' + 'SQL/req nested | peak RSS gateway MB |');
  lines.push('|---|--:|--:|--:|');
  for (const run of runs) {
    const nested = run.outcomes.find((o) => o.name === 'graphql-nested');
    lines.push(
      `| ${scaleLabel(run.dataset.scale)} | ${run.dataset.loadSeconds.toFixed(1)} (${run.dataset.seedSeconds.toFixed(1)}) | ${fmt(nested?.statements)} | ${fmt(run.processPeaks.gateway, 1)} |`,
    );
  }
  lines.push('');
  lines.push('## Targets');
  lines.push('');
  lines.push('| measure | target | scale | measured | verdict |');
  lines.push('|---|---|---|---|---|');
  for (const check of checks) {
    if (check.kind === 'across-scales') {
      const [big, small] = check.scales.map((s) => runs.find((r) => r.dataset.scale === s));
      const a = big?.outcomes.find((o) => o.name === check.scenario);
      const b = small?.outcomes.find((o) => o.name === check.scenario);
      const va = figure(a, check.metric);
      const vb = figure(b, check.metric);
      const value = va !== null && vb ? va / vb : null;
      const why = !big || !small ? `needs ${check.scales.map(scaleLabel).join(' and ')} in the same run` : [a, b].find((o) => o?.unavailable)?.unavailable ?? 'not measured';
      lines.push(
        `| ${check.measure} | ${check.goal} ${check.value} | ${check.scales.map(scaleLabel).join(' / ')} | ${value === null ? `n/a (${why})` : `${fmt(value, 2)} (${fmt(va, 1)} / ${fmt(vb, 1)} ms)`} | ${met(value, check.goal, check.value)} |`,
      );
      continue;
    }
    for (const run of runs) {
      if (check.kind === 'absolute' && check.scale !== undefined && check.scale !== run.dataset.scale) continue;
      const row = evaluateTargets(run, [check])[0]!;
      lines.push(`| ${row.measure} | ${row.goal} | ${scaleLabel(run.dataset.scale)} | ${row.measured} | ${row.verdict} |`);
    }
  }
  return lines.join('\n') + '\n';
}
