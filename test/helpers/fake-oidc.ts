import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import jwt from 'jsonwebtoken';

export const CHANNEL_ISSUER = 'https://api.botframework.com';

/**
 * A local OpenID provider standing in for the Bot Framework's: metadata and a JWKS with one RSA key endorsed for
 * msteams, and a signer for channel tokens. The bot's real botbuilder validation runs against it.
 */
export class FakeOidc {
  readonly kid = 'test-key-1';
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private server?: http.Server;
  url = '';

  constructor() {
    ({ privateKey: this.privateKey, publicKey: this.publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 }));
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url?.endsWith('/.well-known/openid-configuration'))
        res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${this.url}/keys` }));
      else if (req.url === '/keys') {
        const jwk = this.publicKey.export({ format: 'jwk' });
        res.end(
          JSON.stringify({ keys: [{ ...jwk, kid: this.kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] }),
        );
      } else res.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  /** The settings that point botbuilder's token validation here (all parameterized keys must be given). */
  settings(): Record<string, string> {
    return {
      ToBotFromChannelOpenIdMetadataUrl: `${this.url}/.well-known/openid-configuration`,
      ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
      ToBotFromEmulatorOpenIdMetadataUrl: `${this.url}/emulator/.well-known/openid-configuration`,
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: 'https://api.botframework.com',
      CallerId: 'urn:botframework:azure',
    };
  }

  /** A channel token as Teams would send it; `override` makes it wrong in one way. */
  token(
    audience: string,
    serviceUrl: string,
    override: { key?: KeyObject; expiresIn?: number; issuer?: string } = {},
  ): string {
    return jwt.sign({ serviceurl: serviceUrl }, override.key ?? this.privateKey, {
      algorithm: 'RS256',
      keyid: this.kid,
      audience,
      issuer: override.issuer ?? CHANNEL_ISSUER,
      expiresIn: override.expiresIn ?? 600,
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
