/**
 * The Teams app package, checked offline: `teamsapp validate` downloads the schema, so we validate against the copy
 * bundled in @microsoft/app-manifest, with the `${{VAR}}` placeholders filled as Teams Toolkit would fill them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, parseCommand } from '../../src/teams/commands';
import { readPng, RGBA } from '../../tools/png';
import { manifestSchemaValidator, schemaErrors } from '../helpers/manifest-schema';

const ROOT = join(__dirname, '..', '..');
const APP_PACKAGE = join(ROOT, 'appPackage');

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
  bots: { scopes: string[]; commandLists: { scopes: string[]; commands: Command[] }[] }[];
  permissions?: string[];
  authorization?: unknown;
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

  const lists = manifest.bots.flatMap((bot) => bot.commandLists);
  const titles = (scope: string) =>
    lists.filter((list) => list.scopes.includes(scope)).flatMap((list) => list.commands.map((c) => c.title));

  it('has one command list for each scope the bot is installed in, each within the 10 commands Teams shows', () => {
    for (const bot of manifest.bots) {
      const listed = bot.commandLists.flatMap((list) => list.scopes);
      expect([...listed].sort()).toEqual([...bot.scopes].sort());
    }
    expect(lists.map((list) => list.commands.length).filter((n) => n > 10)).toEqual([]);
  });

  it('offers only titles the bot understands as they are sent (a click sends the title as the message)', () => {
    const unknown = lists.flatMap((list) => list.commands.map((c) => c.title)).filter((t) => !parseCommand(t));
    expect(unknown).toEqual([]);
  });

  it('lists every command that needs no argument in some scope, and "approvals here" only where approvers meet', () => {
    const menu = new Set(
      ['personal', 'team', 'groupChat'].flatMap((scope) => titles(scope).map((t) => parseCommand(t)?.spec.name)),
    );
    // Teams allows 10 commands a list, so these are typed (the help card lists them): with an argument (use
    // subscription <name>, bind/unbind subscription <name>), a variant of a listed command (alerts status, estimate
    // traffic all), or for admins only (bindings).
    const typedOnly = ['useSubscription', 'alertsStatus', 'estimateAll', 'bind', 'unbind', 'bindings'];
    expect(COMMANDS.map((c) => c.name).filter((name) => !menu.has(name) && !typedOnly.includes(name))).toEqual([]);
    expect(titles('personal')).not.toContain('approvals here');
    expect(titles('team')).toContain('approvals here');
    expect(titles('groupChat')).toContain('approvals here');
  });

  it('asks for no permission it does not use: no legacy permissions, no resource-specific consent', () => {
    expect(manifest.permissions).toBeUndefined();
    expect(manifest.authorization).toBeUndefined();
  });

  it('has a 192x192 color icon', () => {
    const png = readPng(readFileSync(join(APP_PACKAGE, manifest.icons.color)));
    expect([png.width, png.height]).toEqual([192, 192]);
  });

  it('has a 32x32 outline icon that is white on transparent', () => {
    const png = readPng(readFileSync(join(APP_PACKAGE, manifest.icons.outline)));
    expect([png.width, png.height]).toEqual([32, 32]);
    expect(png.colorType).toBe(RGBA); // the transparency must be real alpha
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
