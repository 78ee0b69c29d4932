import { COMMANDS } from '../../src/teams/commands';
import { actionExecuteActivity, messageActivity, ALEX, EVE, MEGAN } from '../helpers/activities';
import { TestBot } from '../helpers/bot-harness';
import { scenario, service, subscription, SUB_DEV, SUB_PROD } from '../helpers/scenarios';

/** A seeded generator (mulberry32), so a failure can be replayed with the same seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const MESSAGES = 1600;
const INVOKES = 1000;
const TEAMS_LIMIT = 28 * 1024;
const PIECES = [
  '',
  ' ',
  '\u00a0',
  '<at>Defender APIs</at>',
  'P3',
  'plan',
  '"',
  '\\',
  '${x}',
  '😀',
  '\u202e',
  '\n',
  '%s',
];
const VERBS = [
  'plan.enable',
  'subscription.use',
  'approval.approve',
  'approval.reject',
  'approval.refresh',
  'api.fix',
  'apis.fixService',
  'apis.fixAll',
  'apis.page',
  'apis.retryFailed',
  'plan.compare',
  'alert.ack',
  'alert.snooze',
  'alert.refresh',
  'audit.page',
  'no.such.verb',
];
const DATA_KEYS = [
  'approvalId',
  'subscriptionId',
  'planId',
  'apiId',
  'serviceId',
  'page',
  'alertId',
  'hours',
  'filter',
];

describe(`fuzz (seed ${SEED}): generated messages and invokes`, () => {
  let bot: TestBot;
  afterAll(async () => bot?.close());

  test('never answer 5xx, never send a reply over 28 KB, never crash', async () => {
    bot = await TestBot.start(
      scenario([
        subscription(SUB_PROD, 'Contoso Production', [service({ name: 'apim-prod', perDay: 1_000 })]),
        subscription(SUB_DEV, 'Contoso Dev', [service({ name: 'apim-dev', perDay: 10 })]),
      ]),
      { APPROVER_IDS: MEGAN.aadObjectId },
    );
    const rng = random(SEED);
    const junk = (max: number): string => {
      const length = rng.next() < 0.05 ? 20_000 + rng.int(20_000) : rng.int(max);
      let out = '';
      while (out.length < length)
        out += rng.next() < 0.3 ? rng.pick(PIECES) : String.fromCharCode(32 + rng.int(0x2fff));
      return out;
    };
    // Mostly near-misses of real commands (cheap: help card) and a few real ones (Azure reads through the sandbox,
    // slower), so the run stays well under 30 s.
    const text = (): string => {
      const usage = rng.pick(COMMANDS).usage;
      if (rng.next() < 0.03) return rng.next() < 0.5 ? usage : `use subscription ${junk(100)}`;
      switch (rng.int(4)) {
        case 0:
          return junk(200);
        case 1:
          return `${usage} ${junk(40)}`;
        case 2:
          return usage.replace(/.$/, junk(3));
        default:
          return `${usage.slice(0, rng.int(usage.length))}${junk(10)}`;
      }
    };
    const value = (): unknown =>
      rng.pick([() => junk(60), () => rng.int(1e9) - 5e8, () => null, () => [junk(5)], () => ({ x: junk(5) })])();
    const data = (): Record<string, unknown> =>
      Object.fromEntries(Array.from({ length: rng.int(4) }, () => [rng.pick(DATA_KEYS), value()]));
    const options = () => ({
      ...bot.options(),
      from: rng.pick([ALEX, MEGAN, EVE]),
      conversationType: rng.pick(['personal', 'groupChat', 'channel'] as const),
      conversationId: `conv-${rng.int(5)}`,
    });

    const activities = [
      ...Array.from({ length: MESSAGES }, () => messageActivity(text(), { ...options(), mention: rng.next() < 0.3 })),
      ...Array.from({ length: INVOKES }, () => actionExecuteActivity(rng.pick(VERBS), data(), options())),
    ].sort(() => rng.next() - 0.5);

    const failures: string[] = [];
    const crashes: unknown[] = [];
    const onCrash = (error: unknown) => crashes.push(error);
    process.on('unhandledRejection', onCrash);
    try {
      let next = 0;
      const worker = async () => {
        while (next < activities.length) {
          const activity = activities[next++]!;
          const answer = await bot.post(activity);
          const size = Buffer.byteLength(JSON.stringify(answer.body ?? ''), 'utf8');
          if (answer.status >= 500 || size > TEAMS_LIMIT)
            failures.push(`${answer.status} ${size} B for ${JSON.stringify(activity).slice(0, 200)}`);
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
    } finally {
      process.off('unhandledRejection', onCrash);
    }
    await bot.app.idle();
    const oversized = bot.connector.calls.filter(
      (c) => Buffer.byteLength(JSON.stringify(c.activity), 'utf8') > TEAMS_LIMIT,
    );
    expect(failures).toEqual([]);
    expect(oversized.map((c) => JSON.stringify(c.activity).slice(0, 200))).toEqual([]);
    expect(crashes).toEqual([]);
    bot.connector.clear();
    await bot.say('help');
    expect(bot.connector.cards()).toHaveLength(1);
  }, 60_000);
});
