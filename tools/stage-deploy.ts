/**
 * `npm run stage:deploy`: the folder the App Service zip deploy ships (teamsapp.yml → azureAppService/zipDeploy,
 * artifactFolder ./.deploy): the compiled bot, the card templates and a production-only `npm ci --omit=dev`, so no
 * TypeScript tooling, test framework or sandbox is uploaded or loaded. Run `npm run build` first.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { copyRuntimeFiles } from './production-files';

const root = path.resolve(__dirname, '..');
const target = path.join(root, '.deploy');

fs.rmSync(target, { recursive: true, force: true });
copyRuntimeFiles(root, target);
execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], {
  cwd: target,
  stdio: 'inherit',
  shell: process.platform === 'win32', // npm is npm.cmd there
});
process.stdout.write(`Staged ${path.relative(root, target)}/ for the zip deploy (node dist/src/index.js).\n`);
