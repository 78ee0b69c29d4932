import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { productionNodeFlags } from '../../tools/node-flags';

export const ROOT = path.resolve(__dirname, '..', '..');

/** Compiles the bot once (npm run build), so benchmarks run the production process, not ts-node. */
export function buildBot(): string {
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
  const main = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string }).main;
  return path.join(ROOT, main);
}

/**
 * Node flags the bot runs with: production's (tools/node-flags.ts) and a 128 MB old-space cap. Without the cap V8
 * grows the heap lazily to 300-400 MB under full load although the live data stay near 80 MB. BENCH_NODE_FLAGS
 * replaces them ("" runs without any).
 */
export const BOT_NODE_FLAGS = (
  process.env.BENCH_NODE_FLAGS ?? [...productionNodeFlags(), '--max-old-space-size=128'].join(' ')
)
  .split(' ')
  .filter(Boolean);

/** The compiled bot's command line for startChild. */
export function botArgs(entry: string): string[] {
  return [...BOT_NODE_FLAGS, entry];
}

export interface Child {
  url: string;
  process: ChildProcess;
  /** Peak resident memory of the process so far (VmHWM), MiB; undefined where /proc is missing. */
  peakRssMiB(): number | undefined;
  stop(): Promise<void>;
}

/** Starts `node <args>` with env, waits for GET /healthz on `port` (at most 60 s). */
export async function startChild(args: string[], env: Record<string, string>, port: number): Promise<Child> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`${args.join(' ')} did not answer /healthz within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    process: child,
    peakRssMiB: () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
        return Number.isFinite(kb) ? kb / 1024 : undefined;
      } catch {
        return undefined;
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A free-enough port per child: distinct per benchmark so a slow stop never collides with the next start. */
let nextPort = 39_780;
export function benchPort(): number {
  return nextPort++;
}

export function row(label: string, figure: string, target: string, ok: boolean | undefined): string {
  const verdict = ok === undefined ? '' : ok ? 'meets target' : 'MISSES target';
  return `${label.padEnd(44)} ${figure.padEnd(22)} target ${target.padEnd(26)} ${verdict}`;
}
