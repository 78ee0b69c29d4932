import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { problemsOf } from '../helpers/config-problems';

describe('configuration', () => {
  test('an empty environment starts the bot on the sandbox with the documented defaults', () => {
    const config = loadConfig({}, '/srv/bot');
    expect(config).toMatchObject({
      port: 3978,
      azureMode: 'sandbox',
      sandboxScenario: undefined,
      sandboxPort: 0,
      dataDir: path.resolve('/srv/bot', '.data'),
      approverIds: [],
      alertCheckIntervalSeconds: 900,
      bot: { id: '', type: 'SingleTenant' },
    });
  });

  test('time limits default to 30 s an Azure attempt, 45 s a turn, 120 s an alert check, and are read in seconds', () => {
    expect(loadConfig({}, '/').timeouts).toEqual({
      azureRequestMs: 30_000,
      turnBudgetMs: 45_000,
      alertCheckMs: 120_000,
    });
    const env = { AZURE_REQUEST_TIMEOUT_SECONDS: '5', TURN_BUDGET_SECONDS: '20', ALERT_CHECK_TIMEOUT_SECONDS: '60' };
    expect(loadConfig(env, '/').timeouts).toEqual({
      azureRequestMs: 5_000,
      turnBudgetMs: 20_000,
      alertCheckMs: 60_000,
    });
    expect(problemsOf({ TURN_BUDGET_SECONDS: '0', AZURE_REQUEST_TIMEOUT_SECONDS: 'soon' })).toEqual([
      'AZURE_REQUEST_TIMEOUT_SECONDS="soon" must be a whole number from 1 to 600.',
      'TURN_BUDGET_SECONDS="0" must be a whole number from 1 to 600.',
    ]);
  });

  test('relative paths are resolved against the working folder', () => {
    const config = loadConfig({ DATA_DIR: 'state', SANDBOX_SCENARIO: 'scenarios/x.json' }, '/srv/bot');
    expect(config.dataDir).toBe('/srv/bot/state');
    expect(config.sandboxScenario).toBe('/srv/bot/scenarios/x.json');
  });

  test('approver ids are trimmed, lower-cased GUIDs', () => {
    const config = loadConfig(
      { APPROVER_IDS: ' 0D9C3E5A-1111-4C2B-9A57-7D3B8C1E2F01 , 1e4b7a22-2222-4d3c-8b68-8e4c9d2f3a02' },
      '/',
    );
    expect(config.approverIds).toEqual([
      '0d9c3e5a-1111-4c2b-9a57-7d3b8c1e2f01',
      '1e4b7a22-2222-4d3c-8b68-8e4c9d2f3a02',
    ]);
  });

  test('every problem is listed at once, each saying how to fix it', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      AZURE_MODE: 'cloud',
      APPROVER_IDS: 'alice',
      ALERT_CHECK_INTERVAL_SECONDS: '0',
    });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT="eighty" must be a whole number/);
    expect(problems.join('\n')).toMatch(/AZURE_MODE="cloud" must be one of: sandbox, azure/);
    expect(problems.join('\n')).toMatch(/APPROVER_IDS has "alice"/);
    expect(problems.join('\n')).toMatch(/ALERT_CHECK_INTERVAL_SECONDS="0"/);
  });

  test('real Azure without a bot identity is refused: inbound authentication would be off', () => {
    expect(problemsOf({ AZURE_MODE: 'azure' })).toEqual([
      expect.stringMatching(/BOT_ID is empty.*only allowed with AZURE_MODE=sandbox/),
    ]);
  });

  test('a single-tenant bot needs its password and tenant', () => {
    const problems = problemsOf({ AZURE_MODE: 'azure', BOT_ID: 'a2b5d6c7-0000-4000-8000-000000000001' });
    expect(problems).toEqual([
      expect.stringMatching(/BOT_PASSWORD is empty/),
      expect.stringMatching(/BOT_TENANT_ID is empty/),
    ]);
  });

  test('a complete production environment is accepted', () => {
    const config = loadConfig(
      {
        AZURE_MODE: 'azure',
        BOT_ID: 'a2b5d6c7-0000-4000-8000-000000000001',
        BOT_PASSWORD: 's3cret',
        BOT_TENANT_ID: 'tenant',
        PORT: '8080',
      },
      '/',
    );
    expect(config.azureMode).toBe('azure');
    expect(config.port).toBe(8080);
  });
});
