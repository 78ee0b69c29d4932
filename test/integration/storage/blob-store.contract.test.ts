import { ContainerClient } from '@azure/storage-blob';
import { BlobStore } from '../../../src/storage/blob-store';
import { startAzurite, type RunningAzurite } from '../../helpers/azurite';
import { describeStoreContract } from './store-contract';

// This file's own container (and its own Azurite): every makeStore() call is a fresh BlobStore on it.
const CONTAINER = 'blob-store-contract';
let azurite: RunningAzurite | undefined;

const connectionString = (): string => {
  if (!azurite) throw new Error('Azurite is not running');
  return azurite.connectionString;
};

beforeAll(async () => {
  azurite = await startAzurite();
  await BlobStore.fromConnectionString(connectionString(), CONTAINER).ensureContainer();
}, 30_000);

afterAll(async () => {
  await azurite?.stop();
});

describeStoreContract('BlobStore on Azurite', async () =>
  BlobStore.fromConnectionString(connectionString(), CONTAINER),
);

describe('BlobStore specifics', () => {
  test('each key is one JSON block blob under its per-part encoded name', async () => {
    const store = BlobStore.fromConnectionString(connectionString(), CONTAINER);
    await store.put('specifics/19:abc@thread.tacv2;messageid=1/settings', { a: 1 });
    const container = new ContainerClient(connectionString(), CONTAINER);
    const blobs = [];
    for await (const blob of container.listBlobsFlat({ prefix: 'specifics/' })) blobs.push(blob);
    expect(blobs.map((b) => [b.name, b.properties.blobType, b.properties.contentType])).toEqual([
      ['specifics/19%3Aabc%40thread%2Etacv2%3Bmessageid%3D1/settings', 'BlockBlob', 'application/json'],
    ]);
    const downloaded = await container.getBlockBlobClient(blobs[0]?.name ?? '').downloadToBuffer();
    expect(JSON.parse(downloaded.toString('utf8'))).toEqual({ a: 1 });
  });

  test('ensureContainer can be called again on an existing container', async () => {
    const store = BlobStore.fromConnectionString(connectionString(), CONTAINER);
    await expect(store.ensureContainer()).resolves.toBeUndefined();
    await expect(store.ensureContainer()).resolves.toBeUndefined();
  });
});
