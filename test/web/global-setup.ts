// Builds the console once before the browser tests (skipped when it is up to date).
import { ensureWebBuild } from '../helpers/web-build.ts';

export default function setup(): void {
  ensureWebBuild();
}
