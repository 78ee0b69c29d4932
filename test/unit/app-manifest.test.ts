/**
 * The Teams app package, checked offline: `teamsapp validate` downloads the schema, so we validate against the copy
 * bundled in @microsoft/app-manifest, with the `${{VAR}}` placeholders filled as Teams Toolkit would fill them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';

const ROOT = join(__dirname, '..', '..');
const APP_PACKAGE = join(ROOT, 'appPackage');
const APP_MANIFEST_PACKAGE = require.resolve('@microsoft/app-manifest/package.json');
const SCHEMA_PATH = join(dirname(APP_MANIFEST_PACKAGE), 'build/json-schemas/teams/v1.19/MicrosoftTeams.schema.json');

type ValidateFn = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
interface AjvLike {
  compile(schema: unknown): ValidateFn;
}

/**
 * The same validation as `ManifestUtil.validateManifestAgainstSchema` (ajv draft-04, allErrors, uri/email/regex
 * formats). ManifestUtil itself cannot be imported under jest: it requires the ESM-only strip-bom, which plain Node
 * 20 loads but jest's CommonJS runtime does not. Its own ajv copies are loaded from where it resolves them.
 */
function manifestSchemaValidator(): ValidateFn {
  const fromAppManifest = createRequire(APP_MANIFEST_PACKAGE);
  const AjvDraft04 = (fromAppManifest('ajv-draft-04') as { default: new (options: object) => AjvLike }).default;
  const addFormats = (fromAppManifest('ajv-formats') as { default: (ajv: AjvLike, formats: string[]) => void }).default;
  const ajv = new AjvDraft04({ allErrors: true, strictTypes: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
}

function schemaErrors(validate: ValidateFn, manifest: unknown): string[] {
  return validate(manifest) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

const REALISTIC_VALUES: Record<string, string> = {
  TEAMS_APP_ID: '3f0c2a51-7b7e-4d0e-9a0b-6a3c1e5d9f21',
  BOT_ID: 'b7d4e1a2-93c6-4f58-8e2d-0c1f6a7b9e34',
  BOT_DOMAIN: 'app-defender-apis-bot-dev.azurewebsites.net',
  APP_NAME_SUFFIX: '-dev',
};

interface Command {
  title: string;
  description: string;
}
interface Manifest {
  $schema: string;
  manifestVersion: string;
  icons: { color: string; outline: string };
  bots: { commandLists: { commands: Command[] }[] }[];
}

const manifestText = readFileSync(join(APP_PACKAGE, 'manifest.json'), 'utf8');

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1] ?? ''))];
}

function resolve(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for placeholder ${name}`);
    return value;
  });
}

const manifest = JSON.parse(resolve(manifestText, REALISTIC_VALUES)) as Manifest;

/** Keys of a Teams Toolkit env file (`KEY=value` lines, `#` comments). */
function envKeys(file: string): Set<string> {
  const lines = readFileSync(join(ROOT, 'env', file), 'utf8').split(/\r?\n/);
  return new Set(lines.map((l) => /^\s*([A-Za-z0-9_]+)\s*=/.exec(l)?.[1]).filter((k): k is string => !!k));
}

/** Minimal PNG reader: IHDR fields, and RGBA pixels for 8-bit non-interlaced RGBA images (all five filters). */
function readPng(file: string): { width: number; height: number; colorType: number; rgba?: Buffer } {
  const buf = readFileSync(file);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  expect(buf.toString('ascii', 12, 16)).toBe('IHDR');
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const [bitDepth, colorType, , , interlace] = buf.subarray(24, 29);
  if (bitDepth !== 8 || colorType !== 6 || interlace !== 0) return { width, height, colorType: colorType ?? -1 };
  const idat: Buffer[] = [];
  for (let off = 8; off < buf.length;) {
    const len = buf.readUInt32BE(off);
    if (buf.toString('ascii', off + 4, off + 8) === 'IDAT') idat.push(buf.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const cur = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= 4 ? (out[y * stride + x - 4] ?? 0) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= 4 && y > 0 ? (out[(y - 1) * stride + x - 4] ?? 0) : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter ?? 0] ?? 0;
      out[y * stride + x] = (cur + predictor) & 0xff;
    }
  }
  return { width, height, colorType, rgba: out };
}

describe('Teams app manifest', () => {
  it('declares schema v1.19', () => {
    expect(manifest.manifestVersion).toBe('1.19');
    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/en-us/json-schemas/teams/v1.19/MicrosoftTeams.schema.json',
    );
  });

  const validate = manifestSchemaValidator();

  it('validates against the bundled v1.19 schema once its placeholders are filled', () => {
    expect(schemaErrors(validate, manifest)).toEqual([]);
  });

  it('is really checked by that schema: a bad id and a 33-character command title are rejected', () => {
    const broken = JSON.parse(JSON.stringify(manifest)) as Manifest & { id: string };
    broken.id = 'not-a-guid';
    const firstCommand = broken.bots[0]?.commandLists[0]?.commands[0];
    if (firstCommand) firstCommand.title = 'x'.repeat(33);
    expect(schemaErrors(validate, broken)).toEqual([
      expect.stringContaining('/id'),
      expect.stringMatching(/^\/bots\/0\/commandLists\/0\/commands\/0\/title must NOT have more than 32/),
    ]);
  });

  it('uses only placeholders that the dev and local environments define', () => {
    for (const env of ['.env.dev', '.env.local']) {
      const keys = envKeys(env);
      expect({ env, missing: placeholders(manifestText).filter((name) => !keys.has(name)) }).toEqual({
        env,
        missing: [],
      });
    }
  });

  it('keeps every command title within 32 characters, as Teams requires', () => {
    const commands = manifest.bots.flatMap((bot) => bot.commandLists.flatMap((list) => list.commands));
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.filter((c) => c.title.length > 32)).toEqual([]);
  });

  it('lists the main chat commands in the command menu', () => {
    const titles = manifest.bots.flatMap((bot) =>
      bot.commandLists.flatMap((list) => list.commands.map((c) => c.title)),
    );
    expect(titles).toEqual(
      expect.arrayContaining([
        'help',
        'estimate traffic',
        'status',
        'onboard unhealthy APIs',
        'alerts on',
        'subscriptions',
      ]),
    );
  });

  it('has a 192x192 color icon', () => {
    const png = readPng(join(APP_PACKAGE, manifest.icons.color));
    expect([png.width, png.height]).toEqual([192, 192]);
  });

  it('has a 32x32 outline icon that is white on transparent', () => {
    const png = readPng(join(APP_PACKAGE, manifest.icons.outline));
    expect([png.width, png.height]).toEqual([32, 32]);
    expect(png.colorType).toBe(6); // RGBA: the transparency must be real alpha
    const rgba = png.rgba ?? Buffer.alloc(0);
    let visible = 0;
    const offending: number[] = [];
    for (let i = 0; i < rgba.length; i += 4) {
      if (rgba[i + 3] === 0) continue;
      visible++;
      if (rgba[i] !== 255 || rgba[i + 1] !== 255 || rgba[i + 2] !== 255) offending.push(i / 4);
    }
    expect(offending).toEqual([]);
    expect(visible).toBeGreaterThan(50); // not an empty image
  });
});
