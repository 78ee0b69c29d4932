/**
 * What the production process needs, and nothing else: the compiled bot without its development-only parts, the card
 * templates, and package.json + the lockfile for a production-only install. Used by `npm run stage:deploy` (the
 * App Service zip) and by the test that starts the compiled bot from such a tree.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Folders of dist/src that production never loads: `npm start`'s launcher and the simulated Azure (sandbox). */
export const DEV_ONLY_DIST_FOLDERS = ['dev', 'sandbox'];
const ROOT_FILES = ['package.json', 'package-lock.json'];
const ROOT_FOLDERS = ['cards'];

/** Copies the runtime files from `root` (compiled output in `distDir`, default root/dist) into `target`. */
export function copyRuntimeFiles(root: string, target: string, distDir = path.join(root, 'dist')): void {
  const compiled = path.join(distDir, 'src');
  if (!fs.existsSync(path.join(compiled, 'index.js')))
    throw new Error(`${compiled}/index.js is missing: run npm run build`);
  fs.mkdirSync(target, { recursive: true });
  for (const file of ROOT_FILES) fs.copyFileSync(path.join(root, file), path.join(target, file));
  for (const folder of ROOT_FOLDERS) fs.cpSync(path.join(root, folder), path.join(target, folder), { recursive: true });
  fs.cpSync(compiled, path.join(target, 'dist', 'src'), {
    recursive: true,
    filter: (source) => !DEV_ONLY_DIST_FOLDERS.some((dir) => source === path.join(compiled, dir)),
  });
}

interface LockEntry {
  dev?: boolean;
  optional?: boolean;
  link?: boolean;
}

/** Lockfile paths (`node_modules/a`, `node_modules/a/node_modules/b`) that `npm ci --omit=dev` installs. */
export function productionPackagePaths(root: string): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  return Object.entries(lock.packages)
    .filter(([key, entry]) => key.startsWith('node_modules/') && !entry.dev && !entry.link)
    .map(([key]) => key);
}

/**
 * Builds target/node_modules from the installed root/node_modules with only the production packages, as hard links
 * (fast, offline, and a package resolves its dependencies inside the target tree, never back in the full install).
 */
export function linkProductionModules(root: string, target: string): void {
  for (const key of productionPackagePaths(root)) {
    const source = path.join(root, key);
    if (!fs.existsSync(source)) continue; // an optional package for another platform (e.g. fsevents)
    linkTree(source, path.join(target, key));
  }
}

/** Hard-links a package's files, without its nested node_modules (those are lockfile entries of their own). */
function linkTree(source: string, target: string): void {
  fs.mkdirSync(target, { recursive: true });
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') linkTree(from, to);
    } else if (entry.isSymbolicLink()) {
      fs.symlinkSync(fs.readlinkSync(from), to);
    } else {
      fs.linkSync(from, to);
    }
  }
}
