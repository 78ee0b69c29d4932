import { rm, writeFile } from 'node:fs/promises';
import { DEMO_SCENARIO_PATH, loadScenario, startSandbox } from '../../../src/sandbox';
import { basicScenario, makeTempDir, writeScenario } from './fixtures';
import { join } from 'node:path';

async function problemsOf(scenario: unknown): Promise<string> {
  const dir = await makeTempDir();
  try {
    const path = await writeScenario(dir, scenario);
    await loadScenario(path);
    return '';
  } catch (err) {
    return (err as Error).message;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('scenario validation', () => {
  it('checks per-API traffic and armThrottling, and refuses service traffic next to per-API traffic', async () => {
    const api = (name: string, dailyRequests: unknown) => ({ name, displayName: name, path: name, dailyRequests });
    const message = await problemsOf({
      armThrottling: 'yes',
      subscriptions: [
        {
          subscriptionId: '11111111-1111-4111-8111-111111111111',
          displayName: 'Prod',
          apiManagementServices: [
            { name: 'apim-a', resourceGroup: 'rg', location: 'eastus', sku: 'Premium', apis: [api('a', [1, -1])] },
            {
              name: 'apim-b',
              resourceGroup: 'rg',
              location: 'eastus',
              sku: 'Premium',
              dailyRequests: [1],
              apis: [api('b', { perDay: 5 })],
            },
          ],
        },
      ],
    });
    expect(message).toContain('armThrottling');
    expect(message).toContain(
      'subscriptions[0].apiManagementServices[0].apis[0].dailyRequests[1]: must be a number of requests >= 0',
    );
    expect(message).toContain(
      "subscriptions[0].apiManagementServices[1].dailyRequests: must be left out when the service's APIs give their own dailyRequests",
    );
  });

  it('scenario validation lists every problem with its path in the file', async () => {
    const message = await problemsOf({
      now: 'tomorrow',
      latencyMs: -5,
      subscriptions: [
        {
          subscriptionId: 'not-a-guid',
          displayName: '',
          defenderForApis: { pricingTier: 'Premium' },
          apiManagementServices: [
            { name: 'apim-1', resourceGroup: 'rg', location: 'East US', sku: 'Gold', dailyRequests: [1, -2, 'x'] },
            { name: 'apim-1', resourceGroup: 'rg', location: 'eastus', sku: 'Basic', dailyRequest: [1] },
          ],
        },
      ],
      faults: [{ pathRegex: '([', status: 200 }],
    });
    const expected = [
      'now: must be an ISO 8601 instant',
      'latencyMs: must be a number from 0 to 60000, got -5',
      'subscriptions[0].subscriptionId: must be a GUID',
      'subscriptions[0].displayName: must be a non-empty string',
      'subscriptions[0].defenderForApis.pricingTier: must be one of Free, Standard, got "Premium"',
      'subscriptions[0].apiManagementServices[0].location: must be an ARM region name',
      'subscriptions[0].apiManagementServices[0].sku: must be one of Developer, Basic',
      'subscriptions[0].apiManagementServices[0].dailyRequests[1]: must be a number of requests >= 0, got -2',
      'subscriptions[0].apiManagementServices[0].dailyRequests[2]: must be a number of requests >= 0, got "x"',
      'subscriptions[0].apiManagementServices[1].dailyRequest: is not a known property',
      'subscriptions[0].apiManagementServices[1].name: repeats "apim-1"',
      'faults[0].pathRegex: is not a valid regular expression',
      'faults[0].status: must be an integer from 400 to 599, got 200',
    ];
    for (const line of expected) expect(message).toContain(line);
    expect(message).toContain('has 13 problem(s)');
  });

  it('a hanging fault needs no status, any other fault does; onboardingPollShape is 202 or 200-in-progress', async () => {
    const base = basicScenario();
    expect(await problemsOf({ ...base, faults: [{ pathRegex: 'metrics', hang: true }] })).toBe('');
    expect(await problemsOf({ ...base, onboardingPollShape: '200-in-progress' })).toBe('');
    const message = await problemsOf({
      ...base,
      onboardingPollShape: '204',
      faults: [{ pathRegex: 'metrics' }, { pathRegex: 'x', hang: 'yes' }],
    });
    expect(message).toContain('faults[0].status: is required unless "hang" is true');
    expect(message).toContain('faults[1].hang');
    expect(message).toContain('onboardingPollShape');
  });

  it('a missing file, invalid JSON and a missing subscriptions list are reported clearly', async () => {
    await expect(loadScenario('/nonexistent/scenario.json')).rejects.toThrow('Cannot read the sandbox scenario file');
    const dir = await makeTempDir();
    try {
      const path = join(dir, 'broken.json');
      await writeScenario(dir, {}, 'empty.json');
      await writeFile(path, '{ "now": ');
      await expect(loadScenario(path)).rejects.toThrow('is not valid JSON');
      await expect(loadScenario(join(dir, 'empty.json'))).rejects.toThrow('subscriptions: is required');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('startSandbox refuses an invalid scenario with the same list', async () => {
    const dir = await makeTempDir();
    try {
      const path = await writeScenario(dir, { subscriptions: [{ subscriptionId: 'x', displayName: 'X' }] });
      await expect(startSandbox({ scenarioPath: path, dataDir: join(dir, 'data') })).rejects.toThrow(
        'subscriptions[0].subscriptionId: must be a GUID',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the test fixture and the bundled demo scenario are valid', async () => {
    expect(await problemsOf(basicScenario())).toBe('');
    await expect(loadScenario(DEMO_SCENARIO_PATH)).resolves.toHaveProperty('now', '2026-11-20T12:00:00Z');
  });
});
