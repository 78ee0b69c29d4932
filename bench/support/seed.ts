import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AlertSubscriptions } from '../../src/services/alert-subscriptions';
import { ConversationRegistry } from '../../src/services/conversation-registry';
import { FileStore } from '../../src/storage/file-store';
import { mapWithConcurrency } from '../../src/util/concurrency';

export const BENCH_SUB = '44444444-4444-4444-8444-444444444444';
export const BENCH_NOW = '2026-11-20T12:00:00Z';

/** A data folder with a scenario (one Plan 1 subscription, `perDay` requests a day) and nothing stored yet. */
export async function benchDataDir(perDay: number): Promise<{ dir: string; scenario: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-bot-'));
  const scenario = path.join(dir, 'scenario.json');
  const service = { name: 'apim-bench', resourceGroup: 'rg', location: 'eastus', sku: 'Premium', apis: [] };
  await writeFile(
    scenario,
    JSON.stringify({
      now: BENCH_NOW,
      subscriptions: [
        {
          subscriptionId: BENCH_SUB,
          displayName: 'Bench',
          defenderForApis: { pricingTier: 'Standard', subPlan: 'P1' },
          apiManagementServices: [{ ...service, dailyRequests: { perDay } }],
        },
      ],
    }),
  );
  return { dir, scenario };
}

/**
 * Stores `count` Teams conversations that turned alerts on for the bench subscription, through the bot's own store
 * classes and file layout (what `alerts on` writes), so a benchmark need not run thousands of turns first.
 */
export async function seedConversations(dir: string, count: number, serviceUrl: string): Promise<void> {
  const store = new FileStore(path.join(dir, 'state'));
  const registry = new ConversationRegistry(store);
  const subscriptions = new AlertSubscriptions(store);
  const at = new Date(BENCH_NOW);
  const ids = Array.from({ length: count }, (_, i) => `a:bench-${String(i).padStart(5, '0')}`);
  await mapWithConcurrency(ids, 16, async (conversationId) => {
    const conversation = { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1' };
    const reference = {
      channelId: 'msteams',
      serviceUrl,
      conversation,
      bot: { id: '28:bot', name: 'Defender APIs' },
      user: { id: `29:${conversationId}`, name: 'Bench User' },
      locale: 'en-US',
    };
    await registry.remember({ conversationId, conversationType: 'personal', reference }, at);
    await subscriptions.add({
      conversationId,
      subscriptionId: BENCH_SUB,
      subscriptionName: 'Bench',
      subscribedBy: { aadObjectId: '00000000-0000-4000-8000-0000000be0c1', name: 'Bench User' },
      subscribedAt: at.toISOString(),
    });
  });
}
