import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Approval } from '../../src/domain/approval';
import type { ApiCollection, ApiRef } from '../../src/domain/onboarding-types';
import { createLogger } from '../../src/logging/logger';
import type { OnboardingAzure } from '../../src/services/onboarding-ports';
import { OnboardingRunner } from '../../src/services/onboarding-runner';
import { FileStore } from '../../src/storage/file-store';

const api = (apiName: string, serviceName = 'apim-1'): ApiRef => ({
  serviceId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ApiManagement/service/${serviceName}`,
  serviceName,
  resourceGroup: 'rg',
  region: 'eastus',
  sku: 'Premium',
  apiName,
  displayName: `${apiName} API`,
  path: apiName,
});

const approvalFor = (apis: ApiRef[]): Approval => ({
  id: '11111111-2222-4333-8444-555555555555',
  change: { kind: 'onboardApis', apis, planTier: 'Standard' },
  subscriptionId: 's',
  subscriptionName: 'Prod',
  requester: { name: 'Alex' },
  createdAt: '2026-11-20T00:00:00Z',
  expiresAt: '2026-11-21T00:00:00Z',
  state: 'running',
  decisions: [],
});

/** Onboards instantly, except the APIs named in `stuck`, whose operation never finishes (until aborted). */
function fakeAzure(stuck: string[], inFlight: { now: number; max: number }): OnboardingAzure {
  return {
    getRecommendation: async () => [],
    listApis: async () => [],
    listCollections: async () => [],
    getCollection: async () => undefined,
    settledCollection: async () => undefined,
    onboard: async (ref, signal) => {
      inFlight.now++;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      try {
        if (stuck.includes(ref.apiName))
          await new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted'))));
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { serviceId: ref.serviceId, apiName: ref.apiName } as ApiCollection;
      } finally {
        inFlight.now--;
      }
    },
  };
}

async function runner(azure: OnboardingAzure, perService: number, perApiTimeoutMs?: number) {
  const store = new FileStore(await mkdtemp(path.join(os.tmpdir(), 'onboarding-')));
  return new OnboardingRunner(azure, store, perService, createLogger('silent'), perApiTimeoutMs);
}

describe('onboarding many APIs', () => {
  test('an API whose onboarding never finishes fails on its own time limit while the others finish', async () => {
    const counters = { now: 0, max: 0 };
    const run = (await runner(fakeAzure(['stuck'], counters), 2, 100)).run;
    const result = await run(
      approvalFor([api('a'), api('stuck'), api('b')]),
      new AbortController().signal,
      async () => undefined,
    );
    expect(result.failedCode).toBe('some_failed');
    expect(result.outcome).toBe('2 of 3 APIs onboarded, 1 failed');
    expect(result.progress?.items.find((i) => i.label.startsWith('stuck'))).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/did not finish onboarding it within 0 minutes/),
    });
  });

  test('at most the configured number of APIs of one service are onboarded at the same time', async () => {
    const counters = { now: 0, max: 0 };
    const run = (await runner(fakeAzure([], counters), 2)).run;
    const apis = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => api(n));
    const result = await run(approvalFor(apis), new AbortController().signal, async () => undefined);
    expect(result.failedCode).toBeUndefined();
    expect(counters.max).toBe(2);
  });
});

describe('resuming an onboarding', () => {
  /** An operation that was stopped with every API "running": the next run resumes it. */
  async function resumedRun(settled: Record<string, string | undefined>) {
    const onboarded: string[] = [];
    const azure: OnboardingAzure = {
      ...fakeAzure([], { now: 0, max: 0 }),
      settledCollection: async (ref) =>
        settled[ref.apiName] === undefined
          ? undefined
          : ({ apiName: ref.apiName, provisioningState: settled[ref.apiName] } as ApiCollection),
      onboard: async (ref) => {
        onboarded.push(ref.apiName);
        return { apiName: ref.apiName, provisioningState: 'Succeeded' } as ApiCollection;
      },
    };
    const r = await runner(azure, 2);
    const approval = approvalFor(Object.keys(settled).map((n) => api(n)));
    const stop = new AbortController();
    stop.abort();
    await r.run(approval, stop.signal, async () => undefined).catch(() => undefined);
    const result = await r.run(approval, new AbortController().signal, async () => undefined);
    return { onboarded, result };
  }

  test('an API Azure has finished is done; one that failed or is missing is onboarded again', async () => {
    const { onboarded, result } = await resumedRun({ done: 'Succeeded', failed: 'Failed', missing: undefined });
    expect(onboarded.sort()).toEqual(['failed', 'missing']);
    expect(result.failedCode).toBeUndefined();
  });
});
