import { rm } from 'node:fs/promises';
import { callSandbox } from '../../helpers/sandbox-http';
import { startSandbox } from '../../../src/sandbox';
import { basicScenario, makeTempDir, NOW_MS, startWith, SUB_A, SUB_B, writeScenario } from './fixtures';
import { join } from 'node:path';

interface Pricing {
  id: string;
  name: string;
  type: string;
  properties: {
    pricingTier: string;
    subPlan?: string;
    freeTrialRemainingTime: string;
    enablementTime?: string;
    enforce: string;
  };
}
type ErrorBody = { error: { code: string; message: string } };

const pricing = (sub: string, name = 'Api', version = '2024-01-01') =>
  `/subscriptions/${sub}/providers/Microsoft.Security/pricings/${name}?api-version=${version}`;

describe('Defender pricings', () => {
  it('the Api pricing follows the scenario: Standard with no trial left, or Free', async () => {
    const s = await startWith(basicScenario());
    try {
      const standard = await callSandbox<Pricing>(s.sandbox, pricing(SUB_A));
      expect(standard.body).toEqual({
        id: `/subscriptions/${SUB_A}/providers/Microsoft.Security/pricings/Api`,
        name: 'Api',
        type: 'Microsoft.Security/pricings',
        properties: {
          pricingTier: 'Standard',
          subPlan: 'P2',
          freeTrialRemainingTime: 'PT0S',
          enablementTime: new Date(NOW_MS - 60 * 86_400_000).toISOString(),
          enforce: 'False',
        },
      });
      const free = await callSandbox<Pricing>(s.sandbox, pricing(SUB_B, 'api', '2024-01-01'));
      expect(free.body.name).toBe('Api');
      expect(free.body.properties).toEqual({ pricingTier: 'Free', freeTrialRemainingTime: 'PT0S', enforce: 'False' });
      const list = await callSandbox<{ value: Pricing[]; nextLink?: string }>(
        s.sandbox,
        `/subscriptions/${SUB_A}/providers/Microsoft.Security/pricings?api-version=2024-01-01`,
      );
      expect(list.body.nextLink).toBeUndefined();
      expect(list.body.value.find((p) => p.name === 'Api')?.properties.subPlan).toBe('P2');
      expect(list.body.value.find((p) => p.name === 'VirtualMachines')?.properties.pricingTier).toBe('Free');
    } finally {
      await s.stop();
    }
  });

  it('a PUT to Standard starts a 30-day trial from the scenario clock and is validated', async () => {
    const s = await startWith(basicScenario());
    try {
      const put = (body: unknown) =>
        callSandbox<Pricing & ErrorBody>(s.sandbox, pricing(SUB_B), { method: 'PUT', body });
      const ok = await put({ properties: { pricingTier: 'Standard', subPlan: 'P3' } });
      expect(ok.status).toBe(200);
      expect(ok.body.properties).toEqual({
        pricingTier: 'Standard',
        subPlan: 'P3',
        freeTrialRemainingTime: 'P30D',
        enablementTime: new Date(NOW_MS).toISOString(),
        enforce: 'False',
      });
      expect((await callSandbox<Pricing>(s.sandbox, pricing(SUB_B))).body.properties.subPlan).toBe('P3');
      const noSubPlan = await put({ properties: { pricingTier: 'Standard' } });
      expect(noSubPlan.body.properties.subPlan).toBe('P1');
      const badPlan = await put({ properties: { pricingTier: 'Standard', subPlan: 'P9' } });
      expect(badPlan.status).toBe(400);
      expect(badPlan.body.error.message).toContain('P1, P2, P3, P4, P5');
      const badTier = await put({ properties: { pricingTier: 'Gold' } });
      expect(badTier.status).toBe(400);
      expect((await put({})).status).toBe(400);
      const off = await put({ properties: { pricingTier: 'Free' } });
      expect(off.body.properties).toEqual({ pricingTier: 'Free', freeTrialRemainingTime: 'PT0S', enforce: 'False' });
    } finally {
      await s.stop();
    }
  });

  it('each api-version answers only the fields its schema has', async () => {
    const s = await startWith(basicScenario());
    try {
      const props = async (version: string) =>
        (await callSandbox<Pricing>(s.sandbox, pricing(SUB_A, 'Api', version))).body.properties;
      expect(Object.keys(await props('2022-03-01')).sort()).toEqual([
        'freeTrialRemainingTime',
        'pricingTier',
        'subPlan',
      ]);
      expect(Object.keys(await props('2023-01-01')).sort()).toEqual([
        'enablementTime',
        'freeTrialRemainingTime',
        'pricingTier',
        'subPlan',
      ]);
      expect(Object.keys(await props('2024-01-01')).sort()).toEqual([
        'enablementTime',
        'enforce',
        'freeTrialRemainingTime',
        'pricingTier',
        'subPlan',
      ]);
    } finally {
      await s.stop();
    }
  });

  it('the free trial is given once: a sub-plan change, or Free and back, does not start a new one', async () => {
    const dir = await makeTempDir();
    const scenarioPath = await writeScenario(dir, basicScenario());
    let nowMs = Date.now();
    const sandbox = await startSandbox({ scenarioPath, dataDir: join(dir, 'data'), realNow: () => nowMs });
    try {
      const put = async (body: unknown) =>
        (await callSandbox<Pricing>(sandbox, pricing(SUB_B), { method: 'PUT', body })).body.properties;
      expect((await put({ properties: { pricingTier: 'Standard', subPlan: 'P1' } })).freeTrialRemainingTime).toBe(
        'P30D',
      );
      nowMs += 10 * 86_400_000;
      const changed = await put({ properties: { pricingTier: 'Standard', subPlan: 'P3' } });
      expect(changed.freeTrialRemainingTime).toBe('P20D');
      expect(changed.enablementTime).toBe(new Date(NOW_MS).toISOString());
      await put({ properties: { pricingTier: 'Free' } });
      const again = await put({ properties: { pricingTier: 'Standard', subPlan: 'P2' } });
      expect(again.freeTrialRemainingTime).toBe('P20D');
      expect(again.enablementTime).toBe(new Date(NOW_MS + 10 * 86_400_000).toISOString());
    } finally {
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a plan set with PUT survives a restart of the sandbox', async () => {
    const dir = await makeTempDir();
    const scenarioPath = await writeScenario(dir, basicScenario());
    const dataDir = join(dir, 'data');
    const frozen = Date.now();
    try {
      const first = await startSandbox({ scenarioPath, dataDir, realNow: () => frozen });
      const put = await callSandbox(first, pricing(SUB_A), {
        method: 'PUT',
        body: { properties: { pricingTier: 'Standard', subPlan: 'P4' } },
      });
      expect(put.status).toBe(200);
      await first.close();

      const second = await startSandbox({ scenarioPath, dataDir, realNow: () => frozen });
      try {
        const after = await callSandbox<Pricing>(second, pricing(SUB_A));
        expect(after.body.properties.subPlan).toBe('P4');
        // A sub-plan change is no new enablement: the scenario's plan was enabled 60 days before its start.
        expect(after.body.properties.enablementTime).toBe(new Date(NOW_MS - 60 * 86_400_000).toISOString());
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a different scenario file starts afresh', async () => {
    const dir = await makeTempDir();
    const dataDir = join(dir, 'data');
    const firstPath = await writeScenario(dir, basicScenario(), 'first.json');
    const secondPath = await writeScenario(dir, basicScenario(), 'second.json');
    try {
      const first = await startSandbox({ scenarioPath: firstPath, dataDir });
      await callSandbox(first, pricing(SUB_A), { method: 'PUT', body: { properties: { pricingTier: 'Free' } } });
      await first.close();
      const second = await startSandbox({ scenarioPath: secondPath, dataDir });
      try {
        const fresh = await callSandbox<Pricing>(second, pricing(SUB_A));
        expect(fresh.body.properties.pricingTier).toBe('Standard');
        expect(fresh.body.properties.subPlan).toBe('P2');
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
