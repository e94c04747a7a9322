// The servers under test, each a separate process started and stopped by the harness, and the
// memory sampler that reads their resident set size from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Service {
  name: string;
  url: string;
  pid: number;
  logFile: string;
  /** Peak resident set size of the whole process life so far (VmHWM), MB. */
  peakRssMb(): number | null;
  /** Resident set size now (VmRSS), MB. */
  rssMb(): number | null;
  stop(): Promise<void>;
}

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  port: number;
  healthPath: string;
  logFile: string;
  timeoutMs?: number;
}

function readStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export async function startService(spec: ServiceSpec): Promise<Service> {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const log = createWriteStream(spec.logFile, { flags: 'a' });
  const child: ChildProcess = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  let exited: number | null | undefined;
  const exitPromise = new Promise<void>((resolveExit) =>
    child.on('exit', (code) => {
      exited = code;
      resolveExit();
    }),
  );
  const url = `http://127.0.0.1:${spec.port}`;
  const deadline = Date.now() + (spec.timeoutMs ?? 90_000);
  for (;;) {
    if (exited !== undefined) {
      throw new Error(`${spec.name} exited with code ${exited} before it was ready; see ${spec.logFile}`);
    }
    try {
      const response = await fetch(url + spec.healthPath, { signal: AbortSignal.timeout(2000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${spec.name} did not answer ${spec.healthPath} within ${(spec.timeoutMs ?? 90_000) / 1000} s; see ${spec.logFile}`);
    }
    await sleep(250);
  }
  const pid = child.pid!;
  return {
    name: spec.name,
    url,
    pid,
    logFile: spec.logFile,
    peakRssMb: () => {
      const kb = readStatusKb(pid, 'VmHWM');
      return kb === null ? null : kb / 1024;
    },
    rssMb: () => {
      const kb = readStatusKb(pid, 'VmRSS');
      return kb === null ? null : kb / 1024;
    },
    async stop() {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      const killed = await Promise.race([exitPromise.then(() => true), sleep(15_000).then(() => false)]);
      if (!killed) {
        child.kill('SIGKILL');
        await exitPromise;
      }
      log.end();
    },
  };
}

/** Polls VmRSS of a process until stopped; returns the largest value seen, MB. */
export function sampleRss(pid: number, intervalMs = 100): { stop(): number | null } {
  let peak: number | null = null;
  const take = () => {
    const kb = readStatusKb(pid, 'VmRSS');
    if (kb !== null && (peak === null || kb > peak)) peak = kb;
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak === null ? null : peak / 1024;
    },
  };
}
