import {
  BotFrameworkAuthentication,
  ConnectorFactory,
  JwtTokenValidation,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { BoundedMap } from '../util/bounded-map';

/** At most this many clients of each kind are kept; the oldest goes first (serviceUrls are few: one per region). */
const MAX_CLIENTS = 64;

/** A small cache of promises, oldest dropped first (a failed creation is dropped, so the next turn tries again). */
class ClientCache<T> {
  private readonly entries = new BoundedMap<string, Promise<T>>(MAX_CLIENTS);

  get(key: string, create: () => Promise<T>): Promise<T> {
    const kept = this.entries.get(key);
    if (kept) return kept;
    const created = create();
    this.entries.set(key, created);
    created.catch(() => this.entries.delete(key));
    return created;
  }
}

const appIdOf = (identity: ClaimsIdentity): string => JwtTokenValidation.getAppIdFromClaims(identity.claims) ?? '';

/** Hands out one ConnectorClient per app id, audience and serviceUrl instead of a new one per call. */
class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly cache: ClientCache<ConnectorClient>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = JSON.stringify([this.appId, audience ?? '', serviceUrl]);
    return this.cache.get(key, () => this.inner.create(serviceUrl, audience));
  }
}

/**
 * botbuilder's CloudAdapter builds a new ConnectorClient and a new UserTokenClient for every inbound activity, each
 * with its own HTTP pipeline: a sixth of the CPU of a `help` turn went there. The clients hold no per-turn state
 * (credentials cache their own tokens, per app id and audience), so this wrapper reuses them across turns. Everything
 * else, authentication above all, is the wrapped instance's.
 */
export class ReusedClientsAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new ClientCache<ConnectorClient>();
  private readonly userTokens = new ClientCache<UserTokenClient>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const inner = this.inner.createConnectorFactory(claimsIdentity);
    return new ReusingConnectorFactory(inner, appIdOf(claimsIdentity), this.connectors);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokens.get(appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): ReturnType<BotFrameworkAuthentication['createBotFrameworkClient']> {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private reusing(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const factory = result.connectorFactory;
    if (!factory) return result;
    const appId = appIdOf(result.claimsIdentity);
    return { ...result, connectorFactory: new ReusingConnectorFactory(factory, appId, this.connectors) };
  }
}
