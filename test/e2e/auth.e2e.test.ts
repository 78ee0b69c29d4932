import { generateKeyPairSync } from 'node:crypto';
import { startApp, type RunningApp } from '../../src/app/composition';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { messageActivity } from '../helpers/activities';
import { FakeConnector } from '../helpers/fake-connector';
import { FakeOidc } from '../helpers/fake-oidc';
import { scenario, service, subscription, SUB_PROD, writeScenario } from '../helpers/scenarios';

const BOT_ID = '5f1c2b9e-0000-4000-8000-00000000b07a';

describe('inbound authentication (BOT_ID set): tokens are checked against the OpenID keys', () => {
  let app: RunningApp;
  let oidc: FakeOidc;
  let connector: FakeConnector;

  beforeAll(async () => {
    oidc = await new FakeOidc().start();
    connector = await new FakeConnector().start();
    const { file, dir } = await writeScenario(
      scenario([subscription(SUB_PROD, 'Prod', [service({ name: 'a', perDay: 1 })])]),
    );
    const env = {
      PORT: '0',
      SANDBOX_SCENARIO: file,
      DATA_DIR: dir,
      BOT_ID,
      BOT_PASSWORD: 'secret',
      BOT_TYPE: 'MultiTenant',
    };
    app = await startApp(loadConfig(env, dir), {
      logger: createLogger('silent'),
      authOverrides: { settings: oidc.settings(), staticOutboundToken: 'outbound-token' },
    });
  });
  afterAll(async () => {
    await app.close();
    await connector.close();
    await oidc.close();
  });
  beforeEach(() => connector.clear());

  const post = async (authorization?: string) => {
    const activity = messageActivity('help', { serviceUrl: connector.url });
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
      body: JSON.stringify(activity),
    });
    return { status: response.status, body: await response.text() };
  };

  test("a valid channel token is accepted and the reply carries the bot's own token", async () => {
    expect((await post(`Bearer ${oidc.token(BOT_ID, connector.url)}`)).status).toBe(200);
    expect(connector.cards()).toHaveLength(1);
    expect(connector.messages()[0]?.authorization).toBe('Bearer outbound-token');
  });

  test.each([
    ['no Authorization header', () => undefined],
    ['a token for another bot', () => `Bearer ${oidc.token('another-bot', connector.url)}`],
    ['an expired token', () => `Bearer ${oidc.token(BOT_ID, connector.url, { expiresIn: -3600 })}`],
    [
      'a token from another issuer',
      () => `Bearer ${oidc.token(BOT_ID, connector.url, { issuer: 'https://evil.example' })}`,
    ],
    [
      "a token whose serviceurl is not the activity's",
      () => `Bearer ${oidc.token(BOT_ID, 'https://elsewhere.example/')}`,
    ],
    [
      'a token signed with another key',
      () =>
        `Bearer ${oidc.token(BOT_ID, connector.url, { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey })}`,
    ],
  ])('%s is refused with 401, no library text, and the bot does nothing', async (_what, header) => {
    // botbuilder logs each refusal with console.error; keep the test output readable, but check it was logged.
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      // botbuilder itself answers 500 for signature errors, with its own text; we answer 401 for every refusal.
      const answer = await post(header());
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toEqual({ error: 'unauthorized' });
      expect(connector.calls).toEqual([]);
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});
