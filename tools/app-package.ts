/**
 * `npm run package [-- --env <name>]`: builds appPackage/build/appPackage.<env>.zip, the file a Teams admin uploads
 * (and `teamsApp/update` / `teamsApp/publishAppPackage` send), from appPackage/manifest.json with the `${{VAR}}`
 * placeholders filled from env/.env.<env>, and the two icons. It is validated offline before it is written: the
 * manifest against the schema of its manifestVersion bundled in @microsoft/app-manifest, the icons against Teams'
 * sizes. Any problem stops it with the list of problems and no zip.
 */
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { iconProblems } from './png';

export interface PackageOptions {
  root: string;
  /** Toolkit environment name: dev, local, ... */
  env: string;
  /** Default root/env/.env.<env>. */
  envFile?: string;
  /** Default root/appPackage/build. */
  outputFolder?: string;
  /** Values that win over the env file (the toolkit passes its current values in the environment). */
  overrides?: Record<string, string | undefined>;
}

export interface BuiltPackage {
  zipPath: string;
  manifestPath: string;
}

export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The app package was not built:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
/** Placeholders that may be empty: the app name's suffix (none in dev). Every other one is an id or a domain. */
const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);

/** `KEY=value` lines of a toolkit env file; `#` comments and blank lines skipped, surrounding quotes removed. */
export function readEnvFile(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Za-z0-9_]+)\s*=(.*)$/.exec(line);
    if (match?.[1]) values[match[1]] = (match[2] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2');
  }
  return values;
}

/** Fills `${{VAR}}`; a missing or empty value is a problem (an empty id or domain makes an uninstallable app). */
function fillPlaceholders(text: string, values: Record<string, string>, envFile: string, problems: string[]): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined || (!value && !MAY_BE_EMPTY.has(name))) {
      problems.push(
        `${name} is ${value === undefined ? 'not defined' : 'empty'} in ${envFile} (teamsapp provision writes it; or set it there).`,
      );
      return '';
    }
    return value;
  });
}

/** The manifest schema of that version, as shipped in @microsoft/app-manifest: never downloaded. */
function bundledSchema(manifestVersion: string): object {
  const packageJson = require.resolve('@microsoft/app-manifest/package.json');
  const file = path.join(
    path.dirname(packageJson),
    'build/json-schemas/teams',
    `v${manifestVersion}`,
    'MicrosoftTeams.schema.json',
  );
  if (!fs.existsSync(file))
    throw new PackageError([`manifestVersion ${manifestVersion} has no bundled schema (${file}).`]);
  return JSON.parse(fs.readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as object;
}

export async function buildAppPackage(options: PackageOptions): Promise<BuiltPackage> {
  const appPackage = path.join(options.root, 'appPackage');
  const envFile = options.envFile ?? path.join(options.root, 'env', `.env.${options.env}`);
  if (!fs.existsSync(envFile))
    throw new PackageError([`${envFile} does not exist: is "${options.env}" an environment?`]);
  const values = { ...readEnvFile(envFile) };
  for (const [name, value] of Object.entries(options.overrides ?? {})) if (value) values[name] = value;

  const problems: string[] = [];
  const text = fillPlaceholders(
    fs.readFileSync(path.join(appPackage, 'manifest.json'), 'utf8'),
    values,
    envFile,
    problems,
  );
  if (problems.length > 0) throw new PackageError(problems);
  const manifest = JSON.parse(text) as { manifestVersion: string; icons: { color: string; outline: string } };
  // The package's own validator (the one the toolkit uses), given the bundled schema so it never goes online.
  const schemaErrors = await AppManifestUtils.validateAgainstSchema(
    manifest as never,
    bundledSchema(manifest.manifestVersion) as never,
  );
  problems.push(...schemaErrors.map((e) => `manifest.json: ${e}`));

  const icons = { color: manifest.icons.color, outline: manifest.icons.outline };
  const iconBytes: Record<string, Buffer> = {};
  for (const [kind, file] of Object.entries(icons) as ['color' | 'outline', string][]) {
    const iconPath = path.join(appPackage, file);
    if (!fs.existsSync(iconPath)) {
      problems.push(`${file} (icons.${kind}) is not in appPackage/.`);
      continue;
    }
    iconBytes[file] = fs.readFileSync(iconPath);
    problems.push(...iconProblems(kind, file, iconBytes[file]));
  }
  if (problems.length > 0) throw new PackageError(problems);

  const outputFolder = options.outputFolder ?? path.join(appPackage, 'build');
  fs.mkdirSync(outputFolder, { recursive: true });
  const manifestJson = `${JSON.stringify(manifest, null, 2)}\n`;
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(manifestJson, 'utf8'));
  for (const [file, bytes] of Object.entries(iconBytes)) zip.addFile(file, bytes);
  const zipPath = path.join(outputFolder, `appPackage.${options.env}.zip`);
  const manifestPath = path.join(outputFolder, `manifest.${options.env}.json`);
  fs.writeFileSync(zipPath, zip.toBuffer());
  fs.writeFileSync(manifestPath, manifestJson);
  return { zipPath, manifestPath };
}

/** `--env dev --env-file path --out folder`; the environment defaults to TEAMSFX_ENV (set by the toolkit), then dev. */
function parseArgs(argv: string[]): { env: string; envFile?: string; outputFolder?: string } {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    env: arg('--env') ?? process.env.TEAMSFX_ENV ?? 'dev',
    envFile: arg('--env-file'),
    outputFolder: arg('--out'),
  };
}

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2));
  const root = path.resolve(__dirname, '..');
  buildAppPackage({ root, ...args, overrides: process.env }).then(
    (built) => process.stdout.write(`Built ${built.zipPath} (validated offline).\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
