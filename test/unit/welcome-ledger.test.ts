import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WelcomeLedger } from '../../src/services/welcome-ledger';
import { FileStore } from '../../src/storage/file-store';

describe('the welcome ledger', () => {
  const clock = () => new Date('2026-11-20T12:00:00Z');
  const store = () => new FileStore(fs.mkdtempSync(path.join(os.tmpdir(), 'welcome-')));

  test('a conversation is claimed once, even by several callers at the same time, and stays claimed', async () => {
    const shared = store();
    const ledger = new WelcomeLedger(shared, clock);
    const claims = await Promise.all([ledger.claim('19:chat'), ledger.claim('19:chat'), ledger.claim('19:chat')]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await new WelcomeLedger(shared, clock).claim('19:chat')).toBe(false);
    expect(await ledger.claim('19:other')).toBe(true);
  });
});
