import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The name of this bot instance in leases. Unique per instance even when replicas share a host name and port (each
 * has its own DATA_DIR, so its own random part), yet the same across restarts of one instance (same DATA_DIR, host
 * and port), so a restarted instance carries on with its own leases at once instead of waiting for them to expire.
 * Port 0 (tests, "any free port") gets a fresh id at each start. Stored in DATA_DIR/instance-ids.json.
 */
export async function instanceIdFor(dataDir: string, port: number): Promise<string> {
  if (!port) return `any-port/${randomUUID()}`;
  const file = path.join(dataDir, 'instance-ids.json');
  const key = `${os.hostname()}:${port}`;
  let ids: Record<string, string> = {};
  try {
    ids = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, string>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const known = ids[key];
  if (known) return known;
  const id = `${key}/${randomUUID().slice(0, 8)}`;
  await fs.mkdir(dataDir, { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  await fs.writeFile(temp, JSON.stringify({ ...ids, [key]: id }), 'utf8');
  await fs.rename(temp, file);
  return id;
}
