import { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotIdentity } from '../config/config';

/**
 * The Bot Framework adapter. An empty app id turns inbound JWT validation off (the sandbox and the Agents
 * Playground); config validation refuses that outside sandbox mode. `authOverrides` lets tests point token
 * validation at a local OpenID server (ToBotFromChannelOpenIdMetadataUrl …).
 */
export function createAdapter(bot: BotIdentity, authOverrides: Record<string, string> = {}): TeamsAdapter {
  if (!bot.id) return new TeamsAdapter({ ...authOverrides });
  return new TeamsAdapter({
    MicrosoftAppId: bot.id,
    MicrosoftAppPassword: bot.password,
    MicrosoftAppType: bot.type,
    MicrosoftAppTenantId: bot.tenantId,
    ...authOverrides,
  });
}
