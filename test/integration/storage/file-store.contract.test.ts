import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileStore } from '../../../src/storage/file-store';
import { describeStoreContract } from './store-contract';

// One folder for the whole file: every makeStore() call is a fresh FileStore on it, like a restarted bot.
let dir: string | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'file-store-contract-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describeStoreContract('FileStore', async () => {
  if (!dir) throw new Error('the store folder was not created');
  return new FileStore(dir);
});
