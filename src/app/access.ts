import type { Clock } from '../clock';
import type { Config } from '../config/config';
import type { AzureConnection } from '../azure/connection';
import { GRAPH_ENDPOINT, GraphGroupDirectory } from '../azure/graph-groups';
import type { Logger } from '../logging/logger';
import { AccessPolicy } from '../services/access-policy';
import type { AuditLog } from '../services/audit-log';
import { GroupMembership } from '../services/group-directory';
import { RefusalAudit } from '../services/refusal-audit';
import { SubscriptionBindings } from '../services/subscription-bindings';
import type { KeyValueStore } from '../storage/store';

/**
 * The access policy and what it needs: bindings on the store, rate-limited refusal audit and, when any Entra group
 * is configured, Microsoft Graph under the bot's Azure identity (the sandbox's Graph in sandbox mode).
 */
export function setUpAccess(options: {
  config: Config;
  connection: AzureConnection;
  sandboxUrl?: string;
  store: KeyValueStore;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
}) {
  const { config, connection, store, audit, clock, logger } = options;
  const access = config.access;
  const admins = access.admins;
  const usesGroups = access.approverGroupIds.length > 0 || (admins !== 'approvers' && admins.groupIds.length > 0);
  const groups = usesGroups
    ? new GroupMembership(new GraphGroupDirectory(connection, options.sandboxUrl ?? GRAPH_ENDPOINT))
    : undefined;
  const bindings = new SubscriptionBindings(store, audit, clock);
  const refusals = new RefusalAudit(audit, (error) => logger.error('could not audit refusals', { error }));
  const policy = new AccessPolicy({ ...access, approverIds: config.approverIds }, bindings, refusals, groups);
  return { policy, bindings };
}
