/**
 * One Node range for everything: package.json engines, every locked package's engines (so `npm ci` on a supported
 * Node prints no EBADENGINE), the Node that CI fetches (.ci/node22) and the App Service runtime (infra).
 */
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';

const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const projectRange = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;

describe('Node versions', () => {
  it('allows only versions every locked package supports', () => {
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { engines?: { node?: string } | string[] }>;
    };
    expect(lock.packages['']?.engines).toEqual({ node: projectRange });
    const disagreeing = Object.entries(lock.packages)
      .filter(([key, entry]) => key !== '' && !Array.isArray(entry.engines) && entry.engines?.node)
      .filter(([, entry]) => !semver.subset(projectRange, (entry.engines as { node: string }).node))
      .map(([key, entry]) => `${key} wants node ${(entry.engines as { node: string }).node}`);
    expect(disagreeing).toEqual([]);
  });

  it('is a supported LTS line as the floor: Node 20 (end of life April 2026) is out', () => {
    expect(semver.minVersion(projectRange)?.major).toBe(22);
    expect(semver.intersects(projectRange, '20.x')).toBe(false);
  });

  it('is what CI fetches and what the App Service runs', () => {
    const ciVersion = /^NODE_VERSION=(\S+)$/m.exec(read('.ci/node22'))?.[1] ?? '';
    expect(semver.satisfies(ciVersion, projectRange)).toBe(true);
    const appService = /linuxFxVersion: 'NODE\|(\d+)-lts'/.exec(read('infra/azure.bicep'))?.[1] ?? '';
    expect(semver.satisfies(`${appService}.99.0`, projectRange)).toBe(true);
  });
});
