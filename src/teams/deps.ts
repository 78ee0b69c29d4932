import type { Logger } from '../logging/logger';
import type { AccessPolicy } from '../services/access-policy';
import type { SubscriptionBindings } from '../services/subscription-bindings';
import type { AuditView } from '../services/audit-view';
import type { AlertCardActions } from '../services/alert-card-actions';
import type { AlertService } from '../services/alert-service';
import type { ApprovalService } from '../services/approval-service';
import type { ApprovalVenueService } from '../services/approval-venue';
import type { AuditLog } from '../services/audit-log';
import type { ChangeExecutor } from '../services/change-executor';
import type { EstimateCache } from '../services/estimate-cache';
import type { EstimateService } from '../services/estimate-service';
import type { OnboardingService } from '../services/onboarding-service';
import type { PlanChangeService } from '../services/plan-change-service';
import type { StatusService } from '../services/status-service';
import type { SubscriptionService } from '../services/subscription-service';
import type { WelcomeLedger } from '../services/welcome-ledger';
import type { TeamsRuntime } from './runtime';

/** What the Teams layer gets from the composition root: services and settings, no Azure or storage types. */
export interface BotDeps {
  runtime: TeamsRuntime;
  estimates: EstimateService;
  /** Recent estimates per chat, and the chat's quota on fresh reads. */
  estimateCache: EstimateCache;
  subscriptions: SubscriptionService;
  approvals: ApprovalService;
  approvalVenue: ApprovalVenueService;
  planChanges: PlanChangeService;
  executor: ChangeExecutor;
  audit: AuditLog;
  onboarding: OnboardingService;
  status: StatusService;
  alerts: AlertService;
  alertCards: AlertCardActions;
  welcome: WelcomeLedger;
  logger: Logger;
  /** How long one turn may wait for Azure, in ms (TURN_BUDGET_SECONDS); default DEFAULT_TURN_BUDGET_MS. */
  turnBudgetMs?: number;
  /** Who may see and do what; every handler's access decision is made there. */
  access: AccessPolicy;
  bindings: SubscriptionBindings;
  auditView: AuditView;
}
