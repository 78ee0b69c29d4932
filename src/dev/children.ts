/**
 * Small process and HTTP helpers for `npm start` (src/dev/start-local.ts). Node built-ins only: this code runs
 * before anything of the bot is loaded, so a broken bot build still gets a clear message.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';

export function parsePort(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`${name} must be a port number, got "${value}"`);
  return port;
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function isPortInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface Child {
  process: ChildProcess;
  /** Resolves with the exit code (128 + n for a signal, as shells report it) once the process has exited. */
  exited: Promise<number>;
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** Starts a child whose output is forwarded line by line with a prefix, so two children stay readable. */
export function startChild(
  label: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; onLine?: (line: string) => void },
): Child {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${label}]`;
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      out.write(`${prefix} ${line}\n`);
      options.onLine?.(line);
    });
  }
  const exited = new Promise<number>((resolve) => {
    child.once('error', (error) => {
      process.stderr.write(`${prefix} could not start: ${error.message}\n`);
      resolve(127);
    });
    child.once('exit', (code, signal) => resolve(code ?? 128 + (SIGNAL_NUMBERS[signal ?? ''] ?? 1)));
  });
  return { process: child, exited };
}

/** Asks the child to stop (SIGTERM), and kills it if it is still there after `graceMs`. */
export async function stopChild(child: Child, graceMs = 5000): Promise<void> {
  const p = child.process;
  if (p.exitCode === null && p.signalCode === null) {
    p.kill('SIGTERM');
    const timer = setTimeout(() => p.kill('SIGKILL'), graceMs);
    await child.exited;
    clearTimeout(timer);
  }
}

export type WaitResult =
  { ready: true } | { ready: false; reason: 'timeout' } | { ready: false; reason: 'exited'; code: number };

/**
 * Polls `url` until it answers 200, the child exits, or `timeoutMs` passes. Bounded on purpose: a bot that hangs
 * during start must not leave `npm start` waiting forever.
 */
export async function waitForHttpOk(url: string, child: Child, timeoutMs: number): Promise<WaitResult> {
  let exitCode: number | undefined;
  void child.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) return { ready: false, reason: 'exited', code: exitCode };
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return { ready: true };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (exitCode !== undefined) return { ready: false, reason: 'exited', code: exitCode };
  return { ready: false, reason: 'timeout' };
}
