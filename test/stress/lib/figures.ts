// Figures of a stress run, appended as JSON lines to one file (STRESS_FIGURES, default in the OS
// temporary directory) so the closing table can be assembled from one `npm run test:stress`.
import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIGURES_FILE = process.env.STRESS_FIGURES ?? join(tmpdir(), 'gantry-stress-figures.jsonl');

export function recordFigures(name: string, figures: unknown): void {
  const line = JSON.stringify({ name, at: new Date().toISOString(), backend: process.env.GANTRY_TEST_BACKEND, figures });
  appendFileSync(FIGURES_FILE, line + '\n');
  console.log(`[stress] ${name}: ${JSON.stringify(figures)}`);
}
