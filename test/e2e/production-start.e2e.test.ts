/**
 * The production process: freshly compiled JavaScript, started in azure mode from a tree that holds only what
 * `npm ci --omit=dev` installs (package.json, lockfile, cards, dist/src without dev/ and sandbox/). No TypeScript
 * tooling, no selfsigned, no sandbox code is there, so loading any of them would crash the start.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { productionNodeFlags } from '../../tools/node-flags';
import { copyRuntimeFiles, linkProductionModules, productionPackagePaths } from '../../tools/production-files';
import { freePort } from '../helpers/child-bot';
import { waitFor } from '../helpers/wait-for';

const ROOT = path.resolve(__dirname, '..', '..');
const DEV_PACKAGES = ['typescript', 'ts-node', 'selfsigned', 'jest', 'ts-jest', 'azurite', 'adm-zip'];

/** Written into the app: at exit, the child lists every module it loaded (require.cache) into MODULES_FILE. */
const PRELOAD = `process.on('exit', () => {
  require('node:fs').writeFileSync(process.env.MODULES_FILE, JSON.stringify(Object.keys(require.cache)));
});
`;

let work: string;
let app: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'prod-start-'));
  const build = path.join(work, 'build');
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', build],
    {
      cwd: ROOT,
    },
  );
  app = path.join(work, 'app');
  copyRuntimeFiles(ROOT, app, build);
  linkProductionModules(ROOT, app);
  fs.writeFileSync(path.join(work, 'modules-at-exit.js'), PRELOAD);
}, 120_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the production install', () => {
  it('holds none of the development packages', () => {
    const installed = new Set(productionPackagePaths(ROOT).map((key) => key.replace(/^.*node_modules\//, '')));
    expect(DEV_PACKAGES.filter((name) => installed.has(name))).toEqual([]);
    expect(DEV_PACKAGES.filter((name) => fs.existsSync(path.join(app, 'node_modules', name)))).toEqual([]);
    expect(fs.existsSync(path.join(app, 'node_modules', 'restify', 'package.json'))).toBe(true);
    expect(fs.existsSync(path.join(app, 'dist', 'src', 'sandbox'))).toBe(false);
  });

  it('starts the compiled bot in azure mode, serves /healthz, loads no sandbox code and prints no warning', async () => {
    const port = await freePort();
    const modulesFile = path.join(work, 'modules.json');
    const guid = '6b1c9a7e-2f4d-4c1a-9e3b-5d7f8a0c1e2b';
    const args = [...productionNodeFlags(), '--require', path.join(work, 'modules-at-exit.js'), 'dist/src/index.js'];
    const child = spawn(process.execPath, args, {
      cwd: app,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        PORT: String(port),
        AZURE_MODE: 'azure',
        DATA_DIR: path.join(work, 'data'),
        BOT_ID: guid,
        BOT_TYPE: 'UserAssignedMsi',
        BOT_TENANT_ID: guid,
        // A credential that fails at its first token request (nothing listens on port 9), not at start.
        AZURE_TENANT_ID: guid,
        AZURE_CLIENT_ID: guid,
        AZURE_CLIENT_SECRET: 'not-a-secret',
        AZURE_AUTHORITY_HOST: 'http://127.0.0.1:9',
        MODULES_FILE: modulesFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let health: { status?: string; azureMode?: string } = {};
      await waitFor(
        async () => {
          if (child.exitCode !== null) throw new Error(`the bot exited early:\n${stdout}\n${stderr}`);
          const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
          if (res?.status === 200) health = (await res.json()) as typeof health;
          return res?.status === 200;
        },
        30_000,
        'the compiled bot to answer /healthz',
      );
      expect(health).toMatchObject({ status: 'ok', azureMode: 'azure' });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/Warning|DEP0/);

    const loaded = JSON.parse(fs.readFileSync(modulesFile, 'utf8')) as string[];
    const inApp = (file: string) => path.relative(app, file).split(path.sep).join('/');
    expect(loaded.map(inApp)).toEqual(
      expect.arrayContaining(['dist/src/index.js', 'dist/src/app/composition.js', 'node_modules/restify/lib/index.js']),
    );
    const outsideApp = loaded.filter((file) => !/^(dist|node_modules)\//.test(inApp(file)));
    expect(outsideApp).toEqual([path.join(work, 'modules-at-exit.js')]);
    expect(loaded.map(inApp).filter((file) => /^dist\/src\/(sandbox|dev)\//.test(file))).toEqual([]);
    // What the bot never uses stays unloaded: teams-ai's sign-in and AI stack (botbuilder-dialogs pulls in the
    // Recognizers-Text tables, ~40 MB resident), and the Blob Storage client when state is in files.
    const unused =
      /node_modules\/(botbuilder-dialogs|@microsoft\/recognizers-text-(suite|date-time|number)|@azure\/storage-blob)\//;
    expect(loaded.map(inApp).filter((file) => unused.test(file))).toEqual([]);
  }, 60_000);
});
