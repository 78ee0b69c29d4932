// Deep import: the package index loads the AI parts too (see bot.ts).
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
import { MicrosoftAppCredentials, ServiceClientCredentialsFactory } from 'botframework-connector';
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
export function createAdapter(bot: BotIdentity, overrides: AuthOverrides = {}): TeamsAdapter {
  const settings = overrides.settings ?? {};
  if (!bot.id) return new TeamsAdapter({ ...settings });
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
  return new TeamsAdapter(config, credentials);
}
