import path from 'node:path';
import { azureCredential } from '../azure/credentials';
import type { Config } from '../config/config';
import { FileStore } from '../storage/file-store';
import type { KeyValueStore } from '../storage/store';

/** Files under DATA_DIR by default; Azure Blob Storage when configured, so several instances share one state. */
export async function openStore(config: Config): Promise<KeyValueStore> {
  const storage = config.storage;
  if (storage.kind === 'file') return new FileStore(path.join(config.dataDir, 'state'));
  // Loaded only here: the Blob Storage client costs about 7 MB of resident memory that file storage never uses.
  const { BlobStore } = await import('../storage/blob-store');
  const store =
    'connectionString' in storage
      ? BlobStore.fromConnectionString(storage.connectionString, storage.container)
      : BlobStore.fromContainerUrl(storage.containerUrl, azureCredential());
  await store.ensureContainer();
  return store;
}
