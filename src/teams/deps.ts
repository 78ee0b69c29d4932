import type { Logger } from '../logging/logger';
import type { ApprovalService } from '../services/approval-service';
import type { AuditLog } from '../services/audit-log';
import type { ChangeExecutor } from '../services/change-executor';
import type { EstimateService } from '../services/estimate-service';
import type { PlanChangeService } from '../services/plan-change-service';
import type { SubscriptionService } from '../services/subscription-service';
import type { TeamsRuntime } from './runtime';

/** What the Teams layer gets from the composition root: services and settings, no Azure or storage types. */
export interface BotDeps {
  runtime: TeamsRuntime;
  estimates: EstimateService;
  subscriptions: SubscriptionService;
  approvals: ApprovalService;
  planChanges: PlanChangeService;
  executor: ChangeExecutor;
  audit: AuditLog;
  logger: Logger;
}
