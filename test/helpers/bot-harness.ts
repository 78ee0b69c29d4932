import { startApp, type AppOverrides, type RunningApp } from '../../src/app/composition';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { actionExecuteActivity, messageActivity, type ActivityOptions } from './activities';
import { FakeConnector } from './fake-connector';
import { callSandbox } from './sandbox-http';
import { writeScenario } from './scenarios';

export interface SandboxRequestRecord {
  method: string;
  path: string;
  status: number;
  /** Resource Graph requests: the table the query read (`resources` for services, `securityresources`). */
  graphTable?: string;
}

/**
 * Boots the real bot (composition root, restify, botbuilder, Azure SDK clients, sandbox) on free ports, plus a
 * fake Bot Connector; tests then talk to it only over HTTP, as Teams would.
 */
export class TestBot {
  private constructor(
    public app: RunningApp,
    readonly connector: FakeConnector,
    readonly dataDir: string,
    private readonly env: Record<string, string>,
    private readonly overrides: AppOverrides,
  ) {}

  /** `overrides`: composition knobs for the test (shorter timeouts, a capturing logger, a shorter readiness timeout). */
  static async start(
    scenario: object,
    env: Record<string, string> = {},
    overrides: AppOverrides = {},
  ): Promise<TestBot> {
    const { file, dir } = await writeScenario(scenario);
    const fullEnv = { PORT: '0', SANDBOX_SCENARIO: file, DATA_DIR: dir, LOG_LEVEL: 'silent', ...env };
    const app = await TestBot.boot(fullEnv, dir, overrides);
    return new TestBot(app, await new FakeConnector().start(), dir, fullEnv, overrides);
  }

  private static boot(env: Record<string, string>, dir: string, overrides: AppOverrides): Promise<RunningApp> {
    return startApp(loadConfig(env, dir), {
      logger: createLogger('silent'),
      retry: { maxRetries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
      ...overrides,
    });
  }

  /** Stops the bot and starts it again on the same data folder (state must survive); `env` changes some settings. */
  async restart(env: Record<string, string> = {}): Promise<void> {
    await this.app.close();
    Object.assign(this.env, env);
    this.app = await TestBot.boot(this.env, this.dataDir, this.overrides);
  }

  options(extra: Partial<ActivityOptions> = {}): ActivityOptions {
    return { serviceUrl: this.connector.url, ...extra };
  }

  /** POSTs an activity to /api/messages; resolves with the HTTP status and body once the turn is done. */
  async post(activity: object | string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: typeof activity === 'string' ? activity : JSON.stringify(activity),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  say(text: string, extra: Partial<ActivityOptions> & { mention?: boolean } = {}) {
    return this.post(messageActivity(text, { ...this.options(extra), mention: extra.mention }));
  }

  click(verb: string, data: Record<string, unknown>, extra: Partial<ActivityOptions> = {}) {
    return this.post(actionExecuteActivity(verb, data, this.options(extra)));
  }

  /** The sandbox's own record of the Azure calls it served (GET /_sandbox/requests). */
  async sandboxRequests(): Promise<SandboxRequestRecord[]> {
    if (!this.app.sandbox) throw new Error('not in sandbox mode');
    return (await callSandbox<SandboxRequestRecord[]>(this.app.sandbox, '/_sandbox/requests', { token: null })).body;
  }

  private stopped = false;

  /** Stops the bot but keeps its connector (its conversations' serviceUrl) answering, e.g. for another instance. */
  async stopBot(): Promise<void> {
    if (!this.stopped) await this.app.close();
    this.stopped = true;
  }

  async close(): Promise<void> {
    await this.stopBot();
    await this.connector.close();
  }
}
