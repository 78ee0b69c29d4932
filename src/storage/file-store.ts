import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KeyedMutex } from '../util/keyed-mutex';
import { type KeyValueStore, type StoredItem, StoreConflictError, type WriteCondition } from './store';

/**
 * Embedded durable storage: one JSON file per key under a folder. Writes go to a temporary file that is then
 * renamed over the target, so a crash leaves either the old or the new value, never half of one.
 * Conditional writes are serialised per key inside this process; several processes must share Blob storage instead.
 */
export class FileStore implements KeyValueStore {
  private readonly locks = new KeyedMutex();

  constructor(private readonly root: string) {}

  private fileOf(key: string): string {
    const safe = key
      .split('/')
      .map((part) => encodeURIComponent(part).replace(/\./g, '%2E'))
      .join(path.sep);
    return path.join(this.root, `${safe}.json`);
  }

  async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    let text: string;
    try {
      text = await fs.readFile(this.fileOf(key), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return { value: JSON.parse(text) as T, etag: etagOf(text) };
  }

  put<T>(key: string, value: T, condition?: WriteCondition): Promise<string> {
    return this.locks.run(key, async () => {
      const current = await this.get<T>(key);
      if (condition && 'ifNoneMatch' in condition && current) throw new StoreConflictError(key);
      if (condition && 'ifMatch' in condition && current?.etag !== condition.ifMatch) throw new StoreConflictError(key);
      const file = this.fileOf(key);
      const text = JSON.stringify(value);
      await fs.mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${randomUUID()}.tmp`;
      await fs.writeFile(temp, text, 'utf8');
      await fs.rename(temp, file);
      return etagOf(text);
    });
  }

  delete(key: string): Promise<void> {
    return this.locks.run(key, () => fs.rm(this.fileOf(key), { force: true }));
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const walk = async (dir: string, parts: string[]): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      for (const entry of entries) {
        if (entry.isDirectory()) await walk(path.join(dir, entry.name), [...parts, decodeURIComponent(entry.name)]);
        else if (entry.name.endsWith('.json'))
          keys.push([...parts, decodeURIComponent(entry.name.slice(0, -'.json'.length))].join('/'));
      }
    };
    await walk(this.root, []);
    return keys.filter((k) => k.startsWith(prefix)).sort();
  }
}

function etagOf(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"`;
}
