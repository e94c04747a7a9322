// Summarises a V8 .cpuprofile (from `npm run bench -- --cpu-prof`): where the gateway's CPU time
// goes, by package and by function. Usage: node --import tsx bench/profile.ts FILE [--top N]
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 25;
if (!file) {
  console.error('Usage: node --import tsx bench/profile.ts FILE.cpuprofile [--top N]');
  process.exit(2);
}

const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

/** node_modules/<package> (scoped too), the project's own folder, or node: internals. */
function packageOf(url: string): string {
  if (!url) return '(native / V8)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const own = /\/(src|rest-compat|bin|migrations)\/([^/]+)/.exec(url);
  return own ? `gantry ${own[1]}/${own[2]}` : url;
}
const label = (frame: CallFrame) =>
  `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(src|rest-compat)\//, '$1/')}:${frame.lineNumber + 1}`;

const selfByFunction = new Map<string, number>();
const selfByPackage = new Map<string, number>();
const inclusiveByPackage = new Map<string, number>();
let total = 0;
let idle = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  const node = byId.get(id)!;
  const name = node.callFrame.functionName;
  if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') {
    if (name === '(idle)') idle += delta;
    else selfByPackage.set(name, (selfByPackage.get(name) ?? 0) + delta);
    total += name === '(idle)' ? 0 : delta;
    return;
  }
  total += delta;
  selfByFunction.set(label(node.callFrame), (selfByFunction.get(label(node.callFrame)) ?? 0) + delta);
  const pkg = packageOf(node.callFrame.url);
  selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + delta);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const p = packageOf(byId.get(at)!.callFrame.url);
    if (!seen.has(p)) {
      seen.add(p);
      inclusiveByPackage.set(p, (inclusiveByPackage.get(p) ?? 0) + delta);
    }
  }
});

const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s busy, ${(idle / 1e6).toFixed(1)} s idle`);
print('Self time by package', selfByPackage);
print('Inclusive time by package (time with a frame of the package on the stack)', inclusiveByPackage);
print('Self time by function', selfByFunction);
