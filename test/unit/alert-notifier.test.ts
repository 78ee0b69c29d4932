import type { CloudAdapter } from 'botbuilder';
import { createLogger } from '../../src/logging/logger';
import { TeamsAlertNotifier } from '../../src/teams/alert-notifier';
import type { LimiterClock } from '../../src/util/rate-limiter';
import { AlertWorld, address, CHANNEL } from '../helpers/alert-fixtures';
import { alertOf } from '../../src/services/alert-checker';

/** A RestError-like failure as botbuilder's connector client throws it once its own retries are done. */
const httpError = (statusCode: number, retryAfter?: string) =>
  Object.assign(new Error(`HTTP ${statusCode}`), {
    statusCode,
    response: { headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : undefined) } },
  });

/**
 * Plays CloudAdapter.continueConversationAsync like the real one with the bot's onTurnError installed: an error
 * thrown inside the callback goes to onTurnError and the call resolves.
 */
function fakeAdapter(answers: (Error | undefined)[]) {
  const sent: unknown[] = [];
  const adapter = {
    continueConversationAsync: async (_id: string, _ref: unknown, logic: (ctx: unknown) => Promise<void>) => {
      const ctx = {
        sendActivity: async (activity: unknown) => {
          const error = answers.shift();
          if (error) throw error;
          sent.push(activity);
          return { id: `activity-${sent.length}` };
        },
      };
      await logic(ctx).catch(() => undefined); // onTurnError: logged, swallowed
    },
  };
  return { adapter: adapter as unknown as CloudAdapter, sent };
}

function fakeClock(): LimiterClock & { t: number; waits: number[] } {
  const clock = {
    t: 0,
    waits: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => void (clock.waits.push(ms), (clock.t += ms)),
  };
  return clock;
}

async function setUp(answers: (Error | undefined)[]) {
  const world = await AlertWorld.create();
  world.azure.monthToDate = 900_000;
  const alert = alertOf(await world.instance().status.status(world.azure.subscription), {
    kind: 'threshold',
    percent: 80,
  });
  const { adapter, sent } = fakeAdapter(answers);
  const clock = fakeClock();
  const notifier = new TeamsAlertNotifier({ adapter, bot: { id: '' }, sandbox: true }, createLogger('silent'), {
    clock,
    random: () => 0,
  });
  return { notifier, alert, sent, clock };
}

describe('posting an alert card to Teams', () => {
  test('delivered: the card goes out once, with the new message id', async () => {
    const { notifier, alert, sent } = await setUp([]);
    expect(await notifier.deliver(address(CHANNEL), alert)).toEqual({ kind: 'delivered', activityId: 'activity-1' });
    expect(sent).toHaveLength(1);
  });

  test.each([403, 404])(
    '%i (bot removed or blocked) is "gone", even though the adapter swallows callback errors',
    async (status) => {
      const { notifier, alert, sent } = await setUp([httpError(status)]);
      expect(await notifier.deliver(address(CHANNEL), alert)).toMatchObject({ kind: 'gone', status });
      expect(sent).toEqual([]);
    },
  );

  test('412, which the connector client does not retry, is retried here with backoff (0.5 s, then 1 s)', async () => {
    const { notifier, alert, sent, clock } = await setUp([httpError(412), httpError(412)]);
    expect(await notifier.deliver(address(CHANNEL), alert)).toMatchObject({ kind: 'delivered' });
    expect(clock.waits).toEqual([500, 1_000]);
    expect(sent).toHaveLength(1);
  });

  test('429 without Retry-After (not retried by the client) is retried here', async () => {
    const bare = await setUp([httpError(429)]);
    expect(await bare.notifier.deliver(address(CHANNEL), bare.alert)).toMatchObject({ kind: 'delivered' });
    expect(bare.clock.waits).toEqual([500]);
  });

  test('429 with Retry-After, 502 and 504 have been retried by the connector client already: retry later, not now', async () => {
    for (const [error, retryAfterMs] of [
      [httpError(429, '7'), 7_000],
      [httpError(502), undefined],
      [httpError(504), undefined],
    ] as const) {
      const { notifier, alert, clock } = await setUp([error]);
      expect(await notifier.deliver(address(CHANNEL), alert)).toMatchObject({ kind: 'retryLater', retryAfterMs });
      expect(clock.waits).toEqual([]);
    }
  });

  test('412 that keeps coming is handed back after 3 retries here', async () => {
    const { notifier, alert, clock } = await setUp([httpError(412), httpError(412), httpError(412), httpError(412)]);
    expect(await notifier.deliver(address(CHANNEL), alert)).toMatchObject({ kind: 'retryLater' });
    expect(clock.waits).toEqual([500, 1_000, 2_000]);
  });

  test('400 is a failure retrying cannot fix', async () => {
    const { notifier, alert } = await setUp([httpError(400)]);
    expect(await notifier.deliver(address(CHANNEL), alert)).toMatchObject({ kind: 'failed', status: 400 });
  });

  test('at most 7 posts a second to one conversation', async () => {
    const { notifier, alert, clock } = await setUp([]);
    for (let i = 0; i < 8; i++) await notifier.deliver(address(CHANNEL), alert);
    expect(clock.waits).toEqual([1_000]);
    await notifier.deliver(address('a:other-chat'), alert);
    expect(clock.waits).toEqual([1_000]); // another conversation is not held up by the per-conversation limit
  });
});
