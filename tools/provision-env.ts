/**
 * The `script` step of `teamsapp provision` (teamsapp.yml) before arm/deploy. The toolkit refuses a template
 * placeholder whose value is empty, and these settings may be empty in env/.env.<env>, so infra/azure.parameters.json
 * gets never-empty derived values instead:
 *   APPROVER_IDS (may be empty: nobody can approve yet) → APPROVER_IDS_PARAMETER, the same ids or `none`;
 *   APPROVER_GROUP_IDS, ADMIN_GROUP_IDS (may be empty)  → …_PARAMETER, likewise;
 *   GRANT_SUBSCRIPTION_ROLES (empty = false)           → GRANT_SUBSCRIPTION_ROLES_PARAMETER, `true` or `false`.
 * A value that is not a list of Microsoft Entra object ids stops provisioning here, with the fix, instead of
 * stopping the deployed bot at every start.
 * Output lines `::set-teamsfx-env NAME=value` are how a script hands values to the toolkit.
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** infra/azure.bicep maps this back to an empty APPROVER_IDS app setting. */
export const NO_APPROVERS = 'none';

export function approverIdsParameter(
  raw: string | undefined,
  name = 'APPROVER_IDS',
): { value: string } | { problem: string } {
  const ids = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const wrong = ids.filter((id) => !GUID.test(id));
  if (wrong.length > 0)
    return {
      problem: `${name} in env/.env.<env> has ${wrong.map((w) => `"${w}"`).join(', ')}, which is not a Microsoft Entra object id (a GUID). Use comma-separated object ids (Entra admin center → Users → Object ID), or leave it empty.`,
    };
  return { value: ids.length > 0 ? ids.join(',') : NO_APPROVERS };
}

export function grantRolesParameter(raw: string | undefined): { value: string } | { problem: string } {
  const value = (raw ?? '').trim().toLowerCase() || 'false';
  if (value === 'true' || value === 'false') return { value };
  return {
    problem: `GRANT_SUBSCRIPTION_ROLES in env/.env.<env> is "${raw}"; use true, false or leave it empty (false).`,
  };
}

if (require.main === module) {
  const parameters = {
    APPROVER_IDS_PARAMETER: approverIdsParameter(process.env.APPROVER_IDS),
    APPROVER_GROUP_IDS_PARAMETER: approverIdsParameter(process.env.APPROVER_GROUP_IDS, 'APPROVER_GROUP_IDS'),
    ADMIN_GROUP_IDS_PARAMETER: approverIdsParameter(process.env.ADMIN_GROUP_IDS, 'ADMIN_GROUP_IDS'),
    GRANT_SUBSCRIPTION_ROLES_PARAMETER: grantRolesParameter(process.env.GRANT_SUBSCRIPTION_ROLES),
  };
  const problems = Object.values(parameters).flatMap((r) => ('problem' in r ? [r.problem] : []));
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n`);
    process.exit(1);
  }
  for (const [name, result] of Object.entries(parameters))
    if ('value' in result) process.stdout.write(`::set-teamsfx-env ${name}=${result.value}\n`);
}
