/**
 * Who may use the bot and what each conversation may see (interfaces.md §2): tenants, Entra groups, admins and
 * whether conversations are bound to subscriptions. Parsed once with the rest of the configuration.
 */
export interface AccessConfig {
  /** `bound`: a conversation works only on the subscriptions an admin bound to it; `open`: on any the bot sees. */
  mode: 'bound' | 'open';
  /** Entra tenant ids (lower case) whose users may use the bot; 'any' only in sandbox mode without BOT_TENANT_ID. */
  allowedTenantIds: readonly string[] | 'any';
  /** Entra groups whose transitive members may approve (checked with Microsoft Graph). */
  approverGroupIds: readonly string[];
  /** Who may bind subscriptions; when neither ADMIN_IDS nor ADMIN_GROUP_IDS is set, the approvers. */
  admins: { ids: readonly string[]; groupIds: readonly string[] } | 'approvers';
}

type Env = Record<string, string | undefined>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Graph's checkMemberGroups takes at most 20 group ids per call; we make one call per check. */
export const MAX_GROUPS = 20;

/** A comma-separated list of Entra object ids (GUIDs), lower-cased; every bad entry is a problem. */
export function guidList(env: Env, name: string, problems: string[]): string[] {
  const ids = (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of ids) {
    if (!GUID.test(id)) problems.push(`${name} has "${id}", which is not a Microsoft Entra object id (a GUID).`);
  }
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}

function groups(env: Env, name: string, problems: string[]): string[] {
  const ids = guidList(env, name, problems);
  if (ids.length > MAX_GROUPS)
    problems.push(`${name} lists ${ids.length} groups; at most ${MAX_GROUPS} are supported.`);
  return ids;
}

export function accessConfig(
  env: Env,
  azureMode: 'sandbox' | 'azure',
  bot: { tenantId: string; type: string; id: string },
  problems: string[],
): AccessConfig {
  const rawMode = env.ACCESS_MODE?.trim().toLowerCase();
  if (rawMode && rawMode !== 'bound' && rawMode !== 'open')
    problems.push(`ACCESS_MODE="${env.ACCESS_MODE}" must be one of: bound, open.`);
  const mode = rawMode === 'bound' || rawMode === 'open' ? rawMode : azureMode === 'azure' ? 'bound' : 'open';
  const listed = guidList(env, 'ALLOWED_TENANT_IDS', problems);
  const botTenant = bot.tenantId.toLowerCase();
  let allowedTenantIds: AccessConfig['allowedTenantIds'] = listed.length > 0 ? listed : botTenant ? [botTenant] : 'any';
  if (allowedTenantIds === 'any' && azureMode === 'azure' && bot.id && bot.type === 'MultiTenant') {
    problems.push(
      'ALLOWED_TENANT_IDS is empty and BOT_TENANT_ID is not set; a multi-tenant bot in azure mode would answer every tenant. Set ALLOWED_TENANT_IDS to your Microsoft Entra tenant id(s).',
    );
    allowedTenantIds = [];
  }
  const adminIds = guidList(env, 'ADMIN_IDS', problems);
  const adminGroupIds = groups(env, 'ADMIN_GROUP_IDS', problems);
  return {
    mode,
    allowedTenantIds,
    approverGroupIds: groups(env, 'APPROVER_GROUP_IDS', problems),
    admins: adminIds.length > 0 || adminGroupIds.length > 0 ? { ids: adminIds, groupIds: adminGroupIds } : 'approvers',
  };
}
