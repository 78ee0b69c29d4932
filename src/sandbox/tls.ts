/**
 * The sandbox's TLS certificate: self-signed for 127.0.0.1 and localhost, generated once and cached as PEM files in
 * the data folder so a client that trusts it (NODE_EXTRA_CA_CERTS or an https.Agent `ca`) keeps trusting it across
 * restarts. Azure SDK clients refuse bearer tokens over plain HTTP, hence HTTPS at all.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { writeAtomically } from './atomic-file';
import { DAY_MS } from './time';

export interface TlsMaterial {
  certPem: string;
  keyPem: string;
}

export const CERT_FILE = 'sandbox-tls-cert.pem';
export const KEY_FILE = 'sandbox-tls-key.pem';
const VALIDITY_DAYS = 365;
/** Regenerate a cached certificate that expires within this many milliseconds. */
const RENEW_BEFORE_MS = 7 * DAY_MS;

/** `realNowMs` is wall-clock time: TLS clients check validity against the real clock, not the scenario's. */
export async function loadOrCreateTls(dataDir: string, realNowMs: number): Promise<TlsMaterial> {
  await mkdir(dataDir, { recursive: true });
  const cached = await readCached(dataDir);
  if (cached !== undefined && isUsable(cached, realNowMs)) return cached;
  const fresh = await generateTls(realNowMs);
  // Key first: a reader that sees the new certificate with the old key rejects the pair and regenerates.
  await writeAtomically(join(dataDir, KEY_FILE), fresh.keyPem);
  await writeAtomically(join(dataDir, CERT_FILE), fresh.certPem);
  return fresh;
}

async function readCached(dataDir: string): Promise<TlsMaterial | undefined> {
  try {
    const [certPem, keyPem] = await Promise.all([
      readFile(join(dataDir, CERT_FILE), 'utf8'),
      readFile(join(dataDir, KEY_FILE), 'utf8'),
    ]);
    return { certPem, keyPem };
  } catch {
    return undefined;
  }
}

function isUsable({ certPem, keyPem }: TlsMaterial, realNowMs: number): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const names = cert.subjectAltName ?? '';
    return (
      Date.parse(cert.validFrom) <= realNowMs &&
      Date.parse(cert.validTo) - RENEW_BEFORE_MS > realNowMs &&
      names.includes('IP Address:127.0.0.1') &&
      names.includes('DNS:localhost') &&
      cert.checkPrivateKey(createPrivateKey(keyPem))
    );
  } catch {
    return false;
  }
}

async function generateTls(realNowMs: number): Promise<TlsMaterial> {
  // Valid from a day back, so a client clock slightly behind ours still accepts it.
  const notBeforeDate = new Date(realNowMs - DAY_MS);
  const notAfterDate = new Date(realNowMs + VALIDITY_DAYS * DAY_MS);
  const pems = await generate([{ name: 'commonName', value: 'defender-apis-bot sandbox (localhost)' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { certPem: pems.cert, keyPem: pems.private };
}
