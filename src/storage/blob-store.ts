import type { TokenCredential } from '@azure/core-auth';
import { ContainerClient, isRestError } from '@azure/storage-blob';
import { type KeyValueStore, type StoredItem, StoreConflictError, type WriteCondition } from './store';

/**
 * Shared durable storage: one JSON block blob per key in one container. Unlike FileStore, the conditional writes are
 * enforced by the storage service (If-Match / If-None-Match on the PUT), so several bot instances can share it.
 */
export class BlobStore implements KeyValueStore {
  constructor(private readonly container: ContainerClient) {}

  static fromConnectionString(connectionString: string, containerName: string): BlobStore {
    return new BlobStore(new ContainerClient(connectionString, containerName));
  }

  /** `url` is the container's URL, e.g. https://account.blob.core.windows.net/bot-state (managed identity etc.). */
  static fromContainerUrl(url: string, credential: TokenCredential): BlobStore {
    return new BlobStore(new ContainerClient(url, credential));
  }

  async ensureContainer(): Promise<void> {
    await this.container.createIfNotExists();
  }

  async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    try {
      // One download call, so the etag belongs to exactly the bytes we parse (no separate getProperties race).
      const response = await this.container.getBlockBlobClient(blobNameOf(key)).download();
      const text = (await readAll(response.readableStreamBody)).toString('utf8');
      return { value: JSON.parse(text) as T, etag: requireEtag(response.etag, key) };
    } catch (error) {
      if (isRestError(error) && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  async put<T>(key: string, value: T, condition?: WriteCondition): Promise<string> {
    const body = Buffer.from(JSON.stringify(value), 'utf8');
    try {
      const response = await this.container.getBlockBlobClient(blobNameOf(key)).upload(body, body.byteLength, {
        blobHTTPHeaders: { blobContentType: 'application/json' },
        conditions: condition,
      });
      return requireEtag(response.etag, key);
    } catch (error) {
      if (isConflict(error, condition)) throw new StoreConflictError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.container.getBlockBlobClient(blobNameOf(key)).deleteIfExists();
  }

  async list(prefix: string): Promise<string[]> {
    // The encoding works character by character, so encode(prefix) is a prefix of encode(key) exactly when prefix is
    // a prefix of key — also for a partial last part such as 'audit/2026-1'. The one exception is a prefix ending in
    // half of a surrogate pair, which cannot be encoded alone: drop it and let the final filter do the narrowing.
    const searchable = /[\uD800-\uDBFF]$/.test(prefix) ? prefix.slice(0, -1) : prefix;
    const keys: string[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix: blobNameOf(searchable) })) {
      keys.push(keyOf(blob.name));
    }
    // The service sorts by encoded name ('%' sorts before letters); callers want the order of the original keys.
    return keys.filter((k) => k.startsWith(prefix)).sort();
  }
}

/**
 * Blob names are encoded per '/'-separated part (same scheme as FileStore's file names), so '/' still makes virtual
 * folders while anything else round-trips: '%' and reserved characters are escaped, and '.' becomes %2E so that
 * parts like '.' or '..' (which URL parsers would collapse) and trailing dots (which Azure discourages) cannot occur.
 * Cost: up to 3 characters per ASCII character and 9 per non-ASCII one, against Azure's 1024-character name limit.
 */
export function blobNameOf(key: string): string {
  return key
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/\./g, '%2E'))
    .join('/');
}

export function keyOf(blobName: string): string {
  return blobName.split('/').map(decodeURIComponent).join('/');
}

function isConflict(error: unknown, condition: WriteCondition | undefined): boolean {
  if (!isRestError(error) || !condition) return false;
  if (error.statusCode === 412) return true;
  // If-None-Match: * on an existing blob is answered with 409 BlobAlreadyExists rather than 412.
  if (error.statusCode === 409) return error.code === 'BlobAlreadyExists';
  // Azurite answers If-Match on a missing blob with 412; accept 404 BlobNotFound too (it was deleted meanwhile).
  return error.statusCode === 404 && error.code === 'BlobNotFound' && 'ifMatch' in condition;
}

function requireEtag(etag: string | undefined, key: string): string {
  if (!etag) throw new Error(`storage: the blob service returned no ETag for "${key}"`);
  return etag;
}

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
