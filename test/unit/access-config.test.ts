import { loadConfig } from '../../src/config/config';
import { problemsOf } from '../helpers/config-problems';

const AZURE = {
  AZURE_MODE: 'azure',
  BOT_ID: 'a2b5d6c7-0000-4000-8000-000000000001',
  BOT_PASSWORD: 's3cret',
  BOT_TENANT_ID: '7E57A000-0000-4000-8000-00000000A11D',
};
const GROUP = 'a9900000-0000-4000-8000-0000000a9900';

describe('access configuration', () => {
  test('sandbox defaults: open access, any tenant, admins are the approvers', () => {
    expect(loadConfig({}, '/').access).toEqual({
      mode: 'open',
      allowedTenantIds: 'any',
      approverGroupIds: [],
      admins: 'approvers',
    });
  });

  test("azure defaults: bound access, only the bot's own tenant", () => {
    expect(loadConfig(AZURE, '/').access).toMatchObject({
      mode: 'bound',
      allowedTenantIds: ['7e57a000-0000-4000-8000-00000000a11d'],
    });
  });

  test('explicit settings are parsed and lower-cased', () => {
    const access = loadConfig(
      { ACCESS_MODE: 'Open', ALLOWED_TENANT_IDS: `${AZURE.BOT_TENANT_ID}, ${GROUP}`, ADMIN_GROUP_IDS: GROUP },
      '/',
    ).access;
    expect(access.mode).toBe('open');
    expect(access.allowedTenantIds).toEqual(['7e57a000-0000-4000-8000-00000000a11d', GROUP]);
    expect(access.admins).toEqual({ ids: [], groupIds: [GROUP] });
  });

  test('every bad access setting is reported at once', () => {
    const problems = problemsOf({
      ACCESS_MODE: 'closed',
      ALLOWED_TENANT_IDS: 'contoso.com',
      APPROVER_GROUP_IDS: 'approvers',
      ADMIN_IDS: 'root',
    }).join('\n');
    expect(problems).toMatch(/ACCESS_MODE="closed" must be one of: bound, open/);
    expect(problems).toMatch(/ALLOWED_TENANT_IDS has "contoso.com"/);
    expect(problems).toMatch(/APPROVER_GROUP_IDS has "approvers"/);
    expect(problems).toMatch(/ADMIN_IDS has "root"/);
  });

  test('a multi-tenant bot in azure mode must name the tenants it answers', () => {
    const env = { ...AZURE, BOT_TENANT_ID: '', BOT_TYPE: 'MultiTenant' };
    expect(problemsOf(env)).toEqual([expect.stringMatching(/ALLOWED_TENANT_IDS is empty/)]);
    expect(problemsOf({ ...env, ALLOWED_TENANT_IDS: GROUP })).toEqual([]);
  });

  test('with approver groups, APPROVALS_REQUIRED is not limited by the number of APPROVER_IDS', () => {
    expect(problemsOf({ APPROVALS_REQUIRED: '2' })).toEqual([]);
    expect(problemsOf({ APPROVALS_REQUIRED: '2', APPROVER_GROUP_IDS: GROUP })).toEqual([]);
    expect(problemsOf({ APPROVALS_REQUIRED: '2', APPROVER_IDS: GROUP })).toHaveLength(1);
  });
});
