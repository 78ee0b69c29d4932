import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { waitFor } from './wait-for';
import { productionNodeFlags } from '../../tools/node-flags';

const ROOT = path.resolve(__dirname, '..', '..');

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The bot as a separate process (`src/index.ts` under ts-node), so a test can kill it with SIGKILL mid-operation,
 * exactly as a crash would, and start it again on the same DATA_DIR.
 */
export class ChildBot {
  private child?: ChildProcess;
  output = '';

  constructor(
    private readonly env: Record<string, string>,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** `node <production flags> -r ts-node/register src/index.ts` with this bot's environment; output in `output`. */
  private spawnBot(): ChildProcess {
    const args = [...productionNodeFlags(), '-r', 'ts-node/register/transpile-only', 'src/index.ts'];
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.child = child;
    return child;
  }

  async start(): Promise<void> {
    this.spawnBot();
    await waitFor(
      async () => {
        if (this.child?.exitCode !== null) throw new Error(`bot exited early:\n${this.output}`);
        return fetch(`${this.url}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
      },
      30_000,
      'the bot to answer /healthz',
    );
  }

  /** SIGTERM, as a platform stops a container; resolves with the exit code. */
  async terminate(): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    return exited;
  }

  /** Runs the bot expecting it to stop by itself (e.g. a bad environment); resolves with the exit code. */
  async runToExit(): Promise<number | null> {
    const child = this.spawnBot();
    return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** SIGKILL: no shutdown hooks run, like a crash or an OOM kill. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async post(activity: object): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }
}
