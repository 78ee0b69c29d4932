import { ListedTrafficFeed, type ReadTotals } from '../../src/azure/traffic-feed';
import type { ApimService, RequestTotals } from '../../src/domain/azure-types';

const SUB_A = '11111111-1111-4111-8111-111111111111';
const SUB_B = '22222222-2222-4222-8222-222222222222';

const svc = (sub: string, name: string, region = 'eastus'): ApimService => ({
  id: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.ApiManagement/service/${name}`,
  name,
  resourceGroup: 'rg',
  region,
  sku: 'Premium',
});
const many = (sub: string, count: number, region = 'eastus', from = 0) =>
  Array.from({ length: count }, (_, i) => svc(sub, `apim-${region}-${from + i}`, region));

/** A reader that answers every service with its name's length, and records what each read was given. */
function recordingReader() {
  const reads: { names: string[]; signal: AbortSignal | undefined }[] = [];
  const read: ReadTotals = async (services, signal) => {
    reads.push({ names: services.map((s) => s.name), signal });
    const totals: RequestTotals = { byServiceId: new Map(), details: new Map(), failures: new Map() };
    for (const s of services) {
      if (s.name.endsWith('-broken')) totals.failures.set(s.id, 'no answer');
      else totals.byServiceId.set(s.id, s.name.length);
    }
    return totals;
  };
  return { read, reads };
}

describe('ListedTrafficFeed: traffic read as services are listed', () => {
  test('a subscription and region are read as soon as they make a whole batch of 50; the rest once listing ends', () => {
    const { read, reads } = recordingReader();
    const feed = new ListedTrafficFeed(read, () => undefined);
    feed.add([...many(SUB_A, 30), ...many(SUB_A, 10, 'westeurope'), ...many(SUB_B, 50)]);
    expect(reads.map((r) => r.names.length)).toEqual([50]);
    expect(reads[0]?.names[0]).toBe('apim-eastus-0');
    feed.add(many(SUB_A, 25, 'eastus', 30));
    // 55 listed in SUB_A eastus: one whole batch now, 5 wait.
    expect(reads.map((r) => r.names.length)).toEqual([50, 50]);
    feed.finish();
    expect(reads.map((r) => r.names.length).sort((x, y) => x - y)).toEqual([5, 10, 50, 50]);
  });

  test('a service handed over twice (listed again over ARM) is read once', () => {
    const { read, reads } = recordingReader();
    const feed = new ListedTrafficFeed(read, () => undefined);
    const page = many(SUB_A, 49);
    feed.add(page);
    feed.add([...page.slice(0, 10), svc(SUB_A, 'apim-last')]);
    feed.add(page.slice(20, 30).map((s) => ({ ...s })));
    feed.finish();
    expect(reads.map((r) => r.names.length)).toEqual([50]);
  });

  test("each read listens to its subscription's signal (subscription id in lower case)", () => {
    const { read, reads } = recordingReader();
    const signals = new Map([[SUB_A, new AbortController().signal]]);
    const asked: string[] = [];
    const feed = new ListedTrafficFeed(read, (id) => {
      asked.push(id);
      return signals.get(id);
    });
    feed.add(many(SUB_A.toUpperCase(), 50));
    expect(asked).toEqual([SUB_A]);
    expect(reads[0]?.signal).toBe(signals.get(SUB_A));
  });

  test('totals are exactly the asked services, failures included, and services never added are read then', async () => {
    const { read, reads } = recordingReader();
    const feed = new ListedTrafficFeed(read, () => undefined);
    const listed = [...many(SUB_A, 60), svc(SUB_A, 'apim-broken'), ...many(SUB_B, 3)];
    feed.add(listed);
    feed.finish();
    const late = svc(SUB_A, 'apim-late');
    const asked = [...listed.filter((s) => s.id.includes(SUB_A)), late];
    const totals = await feed.totals(asked);
    expect(totals.byServiceId.size).toBe(61);
    expect(totals.byServiceId.get(late.id)).toBe('apim-late'.length);
    expect(totals.failures).toEqual(new Map([[svc(SUB_A, 'apim-broken').id, 'no answer']]));
    expect([...totals.byServiceId.keys()].some((id) => id.includes(SUB_B))).toBe(false);
    // 50 + 11 (60 and the broken one) + 3 in SUB_B as listed, then the late one alone.
    expect(reads.map((r) => r.names.length)).toEqual([50, 11, 3, 1]);
  });

  test('services still waiting for a batch when their totals are asked are read then, and not again at finish', async () => {
    const { read, reads } = recordingReader();
    const feed = new ListedTrafficFeed(read, () => undefined);
    const listed = many(SUB_A, 7);
    feed.add(listed);
    const totals = await feed.totals(listed);
    feed.finish();
    expect(totals.byServiceId.size).toBe(7);
    expect(reads.map((r) => r.names.length)).toEqual([7]);
  });
});
