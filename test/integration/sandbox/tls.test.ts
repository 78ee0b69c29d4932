import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { startSandbox } from '../../../src/sandbox';
import { callSandbox } from '../../helpers/sandbox-http';
import { basicScenario, makeTempDir, writeScenario } from './fixtures';

describe('the sandbox TLS certificate', () => {
  it('covers 127.0.0.1 and localhost, is cached in the data folder and reused by the next start', async () => {
    const dir = await makeTempDir();
    try {
      const scenarioPath = await writeScenario(dir, basicScenario());
      const dataDir = join(dir, 'data');
      const first = await startSandbox({ scenarioPath, dataDir });
      await first.close();
      const cert = new X509Certificate(first.caCertificatePem);
      expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
      expect(cert.subjectAltName).toContain('DNS:localhost');
      expect(await readFile(join(dataDir, 'sandbox-tls-cert.pem'), 'utf8')).toBe(first.caCertificatePem);

      const second = await startSandbox({ scenarioPath, dataDir });
      try {
        expect(second.caCertificatePem).toBe(first.caCertificatePem);
        // A client that trusts only this certificate can talk to the sandbox.
        expect((await callSandbox(second, '/_sandbox/health')).status).toBe(200);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a cached certificate that has expired is replaced', async () => {
    const dir = await makeTempDir();
    try {
      const scenarioPath = await writeScenario(dir, basicScenario());
      const dataDir = join(dir, 'data');
      await mkdir(dataDir);
      const yearAgo = Date.now() - 365 * 86_400_000;
      const expired = await generate([{ name: 'commonName', value: 'localhost' }], {
        notBeforeDate: new Date(yearAgo),
        notAfterDate: new Date(yearAgo + 86_400_000),
        extensions: [
          {
            name: 'subjectAltName',
            altNames: [
              { type: 7, ip: '127.0.0.1' },
              { type: 2, value: 'localhost' },
            ],
          },
        ],
      });
      await writeFile(join(dataDir, 'sandbox-tls-cert.pem'), expired.cert);
      await writeFile(join(dataDir, 'sandbox-tls-key.pem'), expired.private);
      const sandbox = await startSandbox({ scenarioPath, dataDir });
      try {
        expect(sandbox.caCertificatePem).not.toBe(expired.cert);
        expect(Date.parse(new X509Certificate(sandbox.caCertificatePem).validTo)).toBeGreaterThan(Date.now());
        expect((await callSandbox(sandbox, '/_sandbox/health')).status).toBe(200);
      } finally {
        await sandbox.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
