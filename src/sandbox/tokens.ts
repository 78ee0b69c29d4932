/**
 * Bearer tokens of the sandbox. The sandbox credential issues an unsigned JWT-shaped token whose `aud` is the resource
 * of the scope it was asked for (scope minus "/.default"), as Microsoft Entra does; the sandbox then checks the
 * audience the way the real hosts do, so a client that asks for the wrong scope fails here as it would in Azure.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';

/** Token audiences ARM accepts (its InvalidAuthenticationTokenAudience message lists these four). */
export const ARM_AUDIENCES = [
  'https://management.core.windows.net/',
  'https://management.core.windows.net',
  'https://management.azure.com/',
  'https://management.azure.com',
];
/** Token audiences of the regional metrics:getBatch host (its spec's scope is https://metrics.monitor.azure.com/.default). */
export const METRICS_AUDIENCES = ['https://metrics.monitor.azure.com', 'https://metrics.monitor.azure.com/'];

/** Token audiences Microsoft Graph accepts (the bot asks for https://graph.microsoft.com/.default). */
export const GRAPH_AUDIENCES = [
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
  '00000003-0000-0000-c000-000000000000',
];

const TOKEN_LIFETIME_MS = 3_600_000;

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The resource a scope names: "https://management.azure.com/.default" → "https://management.azure.com". */
export function resourceOfScope(scope: string): string {
  return scope.replace(/\/\.default$/i, '');
}

/** A sandbox token for one scope (tests use it to call the sandbox directly). */
export function sandboxToken(scope: string, nowMs = Date.now()): string {
  const claims = {
    aud: resourceOfScope(scope),
    iss: 'https://sandbox.invalid/',
    exp: Math.floor((nowMs + TOKEN_LIFETIME_MS) / 1000),
  };
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
}

/** The `aud` claim of a sandbox-shaped token; undefined when the token is not one. */
export function audienceOf(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined || payload === '') return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { aud?: unknown };
    return typeof claims.aud === 'string' ? claims.aud : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The credential the bot uses in sandbox mode: the SDKs' normal bearer-token policy stays in place and asks it for
 * their scope; the token carries that scope's resource as its audience. A client asking for several scopes, or a
 * scope that is not a full "…/.default" one, gets a token the sandbox refuses, as Entra would refuse to issue it.
 */
export const sandboxCredential: TokenCredential = {
  getToken: async (scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> => {
    const list = Array.isArray(scopes) ? scopes : [scopes];
    const scope =
      list.length === 1 && /\/\.default$/i.test(list[0] ?? '') ? (list[0] as string) : `invalid:${list.join(' ')}`;
    return { token: sandboxToken(scope), expiresOnTimestamp: Date.now() + TOKEN_LIFETIME_MS, tokenType: 'Bearer' };
  },
};
