// Real clients against a running Gantry: the calls pbclient makes (with `requests`), and pbclient itself
// when it is installed (it is not installable from this machine's registries).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';

const python = spawnSync('python3', ['-c', 'import requests'], { encoding: 'utf8' });
const hasRequests = python.status === 0;
const hasPbclient = hasRequests && spawnSync('python3', ['-c', 'import pbclient'], { encoding: 'utf8' }).status === 0;
if (!hasRequests) console.log('python3 with the requests package is not available: the Python client test is skipped.');
if (!hasPbclient) console.log('The pbclient package is not installed (not on this machine’s registries): the pbclient test is skipped; pybossa_calls.py makes the same calls.');

let t: TestApp;
let s: DemoSession;
let endpoint: string;
beforeAll(async () => {
  t = await startTestApp();
  s = await seedAndSignIn(t);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  endpoint = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => t?.close());

describe('Python clients', () => {
  it.runIf(hasRequests)('the pbclient calls (requests) work against a running Gantry', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn('python3', ['test/clients/pybossa_calls.py', endpoint, s.apiKeys.alice]);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(output).toContain('ok: pbclient calls passed');
    expect(code).toBe(0);
  });

  it.runIf(hasPbclient)('pbclient itself works against a running Gantry', async () => {
    const script = `import pbclient, sys
pbclient.set('endpoint', sys.argv[1]); pbclient.set('api_key', sys.argv[2])
ps = pbclient.find_project(short_name='galaxyzoo', all=1)
assert len(ps) == 1, ps
p = pbclient.create_project('Py Project', 'pyproject', 'from pbclient')
assert p.id, p
t = pbclient.create_task(p.id, {'q': 1})
assert pbclient.get_tasks(p.id)[0].id == t.id
assert pbclient.delete_project(p.id) is True
print('ok')`;
    const { spawn } = await import('node:child_process');
    const child = spawn('python3', ['-c', script, endpoint, s.apiKeys.alice]);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    await new Promise((resolve) => child.on('close', resolve));
    expect(output.trim()).toBe('ok');
  });
});
