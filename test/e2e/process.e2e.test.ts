import { ChildBot, freePort } from '../helpers/child-bot';
import { scenario, service, subscription, SUB_PROD, writeScenario } from '../helpers/scenarios';

describe('the bot process', () => {
  test('SIGTERM stops it cleanly with exit code 0', async () => {
    const { file, dir } = await writeScenario(
      scenario([subscription(SUB_PROD, 'Prod', [service({ name: 'a', perDay: 1 })])]),
    );
    const bot = new ChildBot({ SANDBOX_SCENARIO: file, DATA_DIR: dir, LOG_LEVEL: 'warn' }, await freePort());
    await bot.start();
    expect(await bot.terminate()).toBe(0);
    expect(bot.output).toContain('SIGTERM received, shutting down');
  }, 60_000);

  test('a wrong environment stops it at once with every problem and how to fix it', async () => {
    const bot = new ChildBot(
      { AZURE_MODE: 'azure', APPROVER_IDS: 'alice', ALERT_THRESHOLDS: 'lots' },
      await freePort(),
    );
    expect(await bot.runToExit()).toBe(2);
    expect(bot.output).toContain('The bot cannot start; fix its environment:');
    expect(bot.output).toContain('BOT_ID is empty');
    expect(bot.output).toContain('APPROVER_IDS has "alice"');
    expect(bot.output).toContain('ALERT_THRESHOLDS="lots"');
    expect(bot.output).not.toMatch(/\n\s+at /); // no stack trace
  }, 60_000);
});
