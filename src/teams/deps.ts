import type { Logger } from '../logging/logger';
import type { BotIdentity } from '../config/config';
import type { EstimateService } from '../services/estimate-service';
import type { SubscriptionService } from '../services/subscription-service';

/** What the Teams layer gets from the composition root: services and settings, no Azure or storage types. */
export interface BotDeps {
  bot: BotIdentity;
  /** True when Azure is the sandbox: every card then carries the "Sandbox data" marker. */
  sandbox: boolean;
  estimates: EstimateService;
  subscriptions: SubscriptionService;
  logger: Logger;
}
