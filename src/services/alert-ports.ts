import type { Actor } from '../domain/approval';
import type { UsageAlert } from '../domain/alerts';
import type { AuditLog } from './audit-log';

/**
 * Where a conversation can be reached proactively. `reference` is the Teams layer's conversation reference, kept
 * opaque here (services never see Bot Framework types); the Teams layer builds it and reads it back.
 */
export interface ConversationAddress {
  /** The conversation key: a channel's id without ";messageid=…", so alerts post to the channel itself. */
  conversationId: string;
  conversationType: string;
  reference: Readonly<Record<string, unknown>>;
}

/** What happened to one proactive message, in terms the alert delivery can act on. */
export type DeliveryOutcome =
  | { kind: 'delivered'; activityId?: string }
  /** 403/404: the bot was removed or blocked there; stop sending to that conversation. */
  | { kind: 'gone'; status: number; detail: string }
  /** Throttled or a transient failure that outlasted the in-call retries: try again later, not now. */
  | { kind: 'retryLater'; status?: number; retryAfterMs?: number; detail: string }
  /** Refused for a reason retrying cannot fix (400, 401, 413 …). */
  | { kind: 'failed'; status?: number; detail: string };

/** The Teams side of alert delivery: renders the alert card and posts it to one conversation. */
export interface AlertNotifier {
  deliver(address: ConversationAddress, alert: UsageAlert): Promise<DeliveryOutcome>;
}

/** The part of the audit log alerts write to. */
export type AlertAudit = Pick<AuditLog, 'append'>;

/** Who the audit log names for what the background checker does. */
export const ALERT_CHECKER: Actor = { name: 'usage alert checker' };
