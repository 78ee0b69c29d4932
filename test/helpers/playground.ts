import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { waitFor } from './wait-for';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The Microsoft 365 Agents Playground (@microsoft/m365agentsplayground, offline) pointed at a bot, as `npm start`
 * runs it: from the repo root, so it reads .m365agentsplayground.yml (users, chats, ids the README names).
 */
export class Playground {
  private child?: ChildProcess;
  output = '';
  port = 0;

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  async start(botUrl: string, port: number): Promise<void> {
    const cli = require.resolve('@microsoft/m365agentsplayground/cli.js', { paths: [ROOT] });
    this.port = port;
    const child = spawn(
      process.execPath,
      [cli, 'start', '-e', `${botUrl}/api/messages`, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
      { cwd: ROOT, env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const collect = (d: Buffer): void => {
      this.output += d.toString();
      // It moves to another port when the one asked for is taken, and says so.
      const match = /Listening on (\d+)/.exec(this.output);
      if (match?.[1]) this.port = Number(match[1]);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.child = child;
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`the Playground exited early:\n${this.output}`);
        if (!/Listening on \d+/.test(this.output)) return false;
        return fetch(`${this.url}/_debug/ping`).then(
          (r) => r.ok,
          () => false,
        );
      },
      90_000,
      'the Playground to answer /_debug/ping',
    );
  }

  /** What "Mock an Activity → Custom activity → Send activity" does in the Playground's page. */
  async sendCustomActivity(activity: object): Promise<void> {
    const response = await fetch(`${this.url}/_internal/v1/customActivities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    if (!response.ok) throw new Error(`custom activity refused: ${response.status} ${await response.text()}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
