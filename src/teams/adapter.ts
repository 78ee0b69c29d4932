import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { MicrosoftAppCredentials, ServiceClientCredentialsFactory } from 'botframework-connector';
import { ReusedClientsAuthentication } from './reused-clients';
import type { BotIdentity } from '../config/config';

/** Test and offline knobs for Bot Framework authentication; production passes none. */
export interface AuthOverrides {
  /** Extra ConfigurationBotFrameworkAuthentication settings, e.g. a local ToBotFromChannelOpenIdMetadataUrl. */
  settings?: Record<string, string>;
  /** A fixed token for the bot's outbound calls instead of asking Microsoft Entra (which is not reachable offline). */
  staticOutboundToken?: string;
}

/** Outbound credentials that always present the same bearer token (tests only: see AuthOverrides). */
class StaticTokenCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(
    private readonly appId: string,
    private readonly token: string,
  ) {
    super();
  }
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials(appId: string): Promise<MicrosoftAppCredentials> {
    const credentials = new MicrosoftAppCredentials(appId, 'unused');
    credentials.getToken = async () => this.token;
    return credentials;
  }
}

/**
 * The Bot Framework adapter. With an app id, every inbound activity's JWT is validated (issuer, audience, signing
 * keys from the OpenID metadata, serviceUrl claim); an empty app id turns that off, which config validation only
 * allows in sandbox mode (the Agents Playground sends no tokens).
 */
export function createAdapter(bot: BotIdentity, overrides: AuthOverrides = {}): CloudAdapter {
  const settings = overrides.settings ?? {};
  if (!bot.id) return adapterWith(new ConfigurationBotFrameworkAuthentication({ ...settings }));
  const config = {
    MicrosoftAppId: bot.id,
    MicrosoftAppPassword: bot.password,
    MicrosoftAppType: bot.type,
    MicrosoftAppTenantId: bot.tenantId,
    ...settings,
  };
  const credentials = overrides.staticOutboundToken
    ? new StaticTokenCredentialsFactory(bot.id, overrides.staticOutboundToken)
    : undefined;
  return adapterWith(new ConfigurationBotFrameworkAuthentication(config, credentials));
}

/** botbuilder's CloudAdapter, its connector and token clients reused across turns (see reused-clients.ts). */
function adapterWith(authentication: ConfigurationBotFrameworkAuthentication): CloudAdapter {
  return new CloudAdapter(new ReusedClientsAuthentication(authentication));
}
