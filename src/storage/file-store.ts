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
    return path.join(this.root, `${key.split('/').map(encodePart).join(path.sep)}.json`);
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

  /**
   * Reads only the folder the prefix points into: its complete parts name the folder, its last (partial) part
   * filters that folder's entries. The encoding works character by character, so encode(partial) is a prefix of
   * encode(name) exactly when partial is a prefix of name (a trailing half surrogate pair is dropped first and
   * left to the final filter). Work is proportional to what matches, not to everything stored.
   */
  async list(prefix: string): Promise<string[]> {
    const parts = prefix.split('/');
    const partial = (parts.pop() ?? '').replace(/[\uD800-\uDBFF]$/, '');
    const start = path.join(this.root, ...parts.map(encodePart));
    const keys: string[] = [];
    const walk = async (dir: string, keyParts: string[], namePrefix: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      for (const entry of entries) {
        if (!entry.name.startsWith(namePrefix)) continue;
        if (entry.isDirectory())
          await walk(path.join(dir, entry.name), [...keyParts, decodeURIComponent(entry.name)], '');
        else if (entry.name.endsWith('.json'))
          keys.push([...keyParts, decodeURIComponent(entry.name.slice(0, -'.json'.length))].join('/'));
      }
    };
    await walk(start, parts, encodePart(partial));
    return keys.filter((k) => k.startsWith(prefix)).sort();
  }
}

/** One key part as a file or folder name: '%' and reserved characters escaped, '.' as %2E (no '.', '..'). */
function encodePart(part: string): string {
  return encodeURIComponent(part).replace(/\./g, '%2E');
}

function etagOf(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"`;
}
