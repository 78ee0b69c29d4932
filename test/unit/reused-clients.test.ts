import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { BotFrameworkAuthentication, ClaimsIdentity } from 'botframework-connector';
import { ReusedClientsAuthentication } from '../../src/teams/reused-clients';

const activity = (serviceUrl: string) => ({ type: 'message', serviceUrl, channelId: 'msteams' }) as Activity;

/** Authentication off (no app id), as in sandbox mode: botbuilder's own implementation does the work. */
const auth = () => new ReusedClientsAuthentication(new ConfigurationBotFrameworkAuthentication({}));

async function connectorFor(authentication: BotFrameworkAuthentication, serviceUrl: string) {
  const result = await authentication.authenticateRequest(activity(serviceUrl), '');
  return result.connectorFactory!.create(serviceUrl, result.audience);
}

describe('connector and token clients reused across turns', () => {
  it('gives two turns to the same serviceUrl the same connector client', async () => {
    const authentication = auth();
    const first = await connectorFor(authentication, 'https://smba.trafficmanager.net/emea/');
    const second = await connectorFor(authentication, 'https://smba.trafficmanager.net/emea/');
    expect(second).toBe(first);
  });

  it('keeps one client per serviceUrl, each pointed at its own', async () => {
    const authentication = auth();
    const emea = await connectorFor(authentication, 'https://smba.trafficmanager.net/emea/');
    const amer = await connectorFor(authentication, 'https://smba.trafficmanager.net/amer/');
    expect(amer).not.toBe(emea);
    const baseUri = (client: object) => (client as { baseUri?: string }).baseUri; // where its calls go
    expect(baseUri(amer)).toBe('https://smba.trafficmanager.net/amer/');
    expect(baseUri(emea)).toBe('https://smba.trafficmanager.net/emea/');
  });

  it('reuses the proactive path too (continueConversation builds its factory from claims)', async () => {
    const authentication = auth();
    const identity = new ClaimsIdentity([]);
    const url = 'https://smba.trafficmanager.net/apac/';
    const a = await authentication.createConnectorFactory(identity).create(url);
    const b = await authentication.createConnectorFactory(identity).create(url);
    expect(b).toBe(a);
  });

  it('reuses the user token client per app id', async () => {
    const authentication = auth();
    const identity = new ClaimsIdentity([]);
    expect(await authentication.createUserTokenClient(identity)).toBe(
      await authentication.createUserTokenClient(identity),
    );
  });

  it('keeps a bounded number of clients, so forged serviceUrls cannot grow memory', async () => {
    const authentication = auth();
    const first = await connectorFor(authentication, 'https://host-0.example/');
    for (let i = 1; i <= 64; i++) await connectorFor(authentication, `https://host-${i}.example/`);
    expect(await connectorFor(authentication, 'https://host-0.example/')).not.toBe(first);
    expect(await connectorFor(authentication, 'https://host-64.example/')).toBe(
      await connectorFor(authentication, 'https://host-64.example/'),
    );
  });
});
