import { CardFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { UsageAlert } from '../domain/alerts';
import type { Logger } from '../logging/logger';
import type { AlertNotifier, ConversationAddress, DeliveryOutcome } from '../services/alert-ports';
import { KeyedLimiter, realTime, SlidingWindowLimiter, type LimiterClock } from '../util/rate-limiter';
import { usageAlertCard } from './usage-alert-card';

/** Teams: 7 sends a second and 60 per 30 s per bot per conversation (rate-limit docs); with room to spare. */
const PER_CONVERSATION = [
  { count: 7, windowMs: 1_000 },
  { count: 60, windowMs: 30_000 },
];
/** Teams: about 30 requests a second per app per tenant (the lower of the published figures). */
const PER_APP = [{ count: 30, windowMs: 1_000 }];
/** Our own retries, only for what the connector client does not retry itself (see `classify`). */
const OWN_RETRIES = 3;
const OWN_BACKOFF_MS = 500;

export interface NotifierOptions {
  clock?: LimiterClock;
  /** Jitter source in [0, 1); tests pass a constant. */
  random?: () => number;
}

type Attempt = { kind: 'retryNow'; retryAfterMs?: number } | DeliveryOutcome;

/**
 * Posts alert cards with `continueConversationAsync` (the bot app id may be '' in sandbox mode). botbuilder's
 * connector client already retries, inside each call, 429/503 that carry Retry-After (honouring it) and 408/5xx
 * including 502/504 (exponential, 3 times). So this layer retries in place only what it does not: 412, and 429
 * without Retry-After. A 429/502/504 that outlasted the client's retries is handed back as `retryLater`, and the
 * outbox tries again at a later sweep: no retry loop wrapped around another retry loop.
 */
export class TeamsAlertNotifier implements AlertNotifier {
  private readonly conversations: KeyedLimiter;
  private readonly app: SlidingWindowLimiter;
  private readonly clock: LimiterClock;
  private readonly random: () => number;

  constructor(
    private readonly runtime: { adapter: CloudAdapter; bot: { id: string }; sandbox: boolean },
    private readonly logger: Logger,
    options: NotifierOptions = {},
  ) {
    this.clock = options.clock ?? realTime;
    this.random = options.random ?? Math.random;
    this.conversations = new KeyedLimiter(PER_CONVERSATION, this.clock);
    this.app = new SlidingWindowLimiter(PER_APP, this.clock);
  }

  async deliver(address: ConversationAddress, alert: UsageAlert): Promise<DeliveryOutcome> {
    const card = usageAlertCard({ alert }, this.runtime.sandbox);
    for (let retry = 0; ; retry++) {
      await this.conversations.acquire(address.conversationId);
      await this.app.acquire();
      const attempt = await this.send(address, card);
      if (attempt.kind !== 'retryNow') return attempt;
      if (retry >= OWN_RETRIES) return { kind: 'retryLater', detail: `still refused after ${retry + 1} attempts` };
      // 0.5 s, 1 s, 2 s plus up to 0.5 s of jitter, unless Teams said how long to wait.
      const delayMs = attempt.retryAfterMs ?? OWN_BACKOFF_MS * 2 ** retry + Math.floor(this.random() * OWN_BACKOFF_MS);
      this.logger.warn('alert send refused; retrying', { conversationId: address.conversationId, delayMs });
      await this.clock.sleep(delayMs);
    }
  }

  private async send(address: ConversationAddress, card: object): Promise<Attempt> {
    let activityId: string | undefined;
    let failure: { error: unknown } | undefined;
    try {
      await this.runtime.adapter.continueConversationAsync(
        this.runtime.bot.id,
        address.reference as Partial<ConversationReference>,
        async (ctx) => {
          // Caught here: an error thrown inside the callback goes to the adapter's onTurnError (set in
          // bot.ts), which logs it and resolves, so a 403 would otherwise look like a delivery.
          try {
            activityId = (await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] }))?.id;
          } catch (error) {
            failure = { error };
          }
        },
      );
    } catch (error) {
      failure = { error }; // before the callback: connector client or token acquisition
    }
    return failure ? this.classify(failure.error) : { kind: 'delivered', activityId };
  }

  private classify(error: unknown): Attempt {
    const status = (error as { statusCode?: number }).statusCode;
    const retryAfterMs = retryAfterOf(error);
    const detail = status ? `HTTP ${status}` : error instanceof Error ? error.message : String(error);
    if (status === 403 || status === 404) return { kind: 'gone', status, detail };
    if (status === 412 || (status === 429 && retryAfterMs === undefined)) return { kind: 'retryNow', retryAfterMs };
    // Statuses the connector client has already retried; the same goes for network errors (no status).
    if (status === undefined || status === 408 || status === 429 || status >= 500)
      return { kind: 'retryLater', status, retryAfterMs, detail };
    return { kind: 'failed', status, detail };
  }
}

/** Retry-After from a RestError's response (seconds or an HTTP date), in ms; undefined when absent. */
function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: { get?(name: string): string | undefined } } }).response?.headers;
  const value = headers?.get?.('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
