/**
 * `npm run package` as an operator runs it (a child process under plain Node, where @microsoft/app-manifest's
 * validator loads), then the zip read back: what Teams admins upload.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { readPng, RGBA } from '../../../tools/png';
import { manifestSchemaValidator, schemaErrors } from '../../helpers/manifest-schema';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const VALUES = {
  TEAMS_APP_ID: '3f0c2a51-7b7e-4d0e-9a0b-6a3c1e5d9f21',
  BOT_ID: 'b7d4e1a2-93c6-4f58-8e2d-0c1f6a7b9e34',
  BOT_DOMAIN: 'defapis-x1.azurewebsites.net',
};

let work: string;
beforeAll(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), 'app-package-'))));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** `npm run package -- --env test --env-file <file> --out <folder>` with nothing of ours in the environment. */
function runPackage(envText: string, out: string): { status: number | null; output: string } {
  const envFile = path.join(work, `.env.${path.basename(out)}`);
  fs.writeFileSync(envFile, envText);
  const result = spawnSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      'tools/app-package.ts',
      '--env',
      'test',
      '--env-file',
      envFile,
      '--out',
      out,
    ],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm run package', () => {
  it('builds appPackage.<env>.zip with the environment values, validated against the bundled schema', () => {
    const out = path.join(work, 'ok');
    const envText = `# test env\nTEAMSFX_ENV=test\nAPP_NAME_SUFFIX=\n${Object.entries(VALUES)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n')}\n`;
    const run = runPackage(envText, out);
    expect(run).toMatchObject({
      status: 0,
      output: expect.stringContaining('appPackage.test.zip (validated offline)'),
    });

    const zip = new AdmZip(path.join(out, 'appPackage.test.zip'));
    expect(
      zip
        .getEntries()
        .map((e) => e.entryName)
        .sort(),
    ).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(zip.readAsText('manifest.json')) as {
      id: string;
      name: { short: string };
      bots: { botId: string }[];
      validDomains: string[];
    };
    expect(manifest).toMatchObject({
      id: VALUES.TEAMS_APP_ID,
      name: { short: 'Defender APIs' },
      bots: [{ botId: VALUES.BOT_ID }],
      validDomains: [VALUES.BOT_DOMAIN],
    });
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(schemaErrors(manifestSchemaValidator(), manifest)).toEqual([]);

    const color = readPng(zip.readFile('color.png') ?? Buffer.alloc(0));
    const outline = readPng(zip.readFile('outline.png') ?? Buffer.alloc(0));
    expect([color.width, color.height, outline.width, outline.height, outline.colorType]).toEqual([
      192,
      192,
      32,
      32,
      RGBA,
    ]);
  }, 60_000);

  it('refuses to build with an empty id, naming the variable, and writes no zip', () => {
    const out = path.join(work, 'empty');
    const run = runPackage(`TEAMS_APP_ID=\nBOT_ID=${VALUES.BOT_ID}\nBOT_DOMAIN=${VALUES.BOT_DOMAIN}\n`, out);
    expect(run.status).toBe(1);
    expect(run.output).toMatch(/TEAMS_APP_ID is empty in .*\.env\.empty/);
    expect(run.output).toMatch(/APP_NAME_SUFFIX is not defined/);
    expect(fs.existsSync(path.join(out, 'appPackage.test.zip'))).toBe(false);
  }, 60_000);

  it('refuses a manifest the schema rejects: a TEAMS_APP_ID that is not a GUID', () => {
    const out = path.join(work, 'bad-id');
    const run = runPackage(
      `TEAMS_APP_ID=not-a-guid\nAPP_NAME_SUFFIX=\nBOT_ID=${VALUES.BOT_ID}\nBOT_DOMAIN=x.net\n`,
      out,
    );
    expect(run.status).toBe(1);
    expect(run.output).toContain('manifest.json: /id must match pattern');
    expect(fs.existsSync(path.join(out, 'appPackage.test.zip'))).toBe(false);
  }, 60_000);
});
