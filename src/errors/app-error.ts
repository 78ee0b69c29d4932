/**
 * Stable error codes. Logs, tests and the audit log match on these, never on message text.
 * Messages are written for the person in the chat: what happened, and what to do about it.
 */
export type ErrorCode =
  | 'config_invalid'
  | 'bad_command'
  | 'no_subscriptions'
  | 'subscription_not_found'
  | 'subscription_ambiguous'
  | 'azure_forbidden'
  | 'azure_not_found'
  | 'azure_throttled'
  | 'azure_unavailable'
  | 'azure_timeout'
  | 'azure_bad_request'
  | 'forged_action'
  | 'no_approvers'
  | 'approvers_insufficient'
  | 'teams_timeout'
  | 'approval_not_found'
  | 'approval_refused'
  | 'nothing_to_fix'
  | 'alerts_not_on'
  | 'tenant_not_allowed'
  | 'access_denied'
  | 'not_bound'
  | 'graph_unavailable'
  | 'quota_exceeded'
  | 'internal';

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Safe to show in Teams: no stack, no tokens, no raw SDK payloads. */
  readonly userMessage: string;

  constructor(code: ErrorCode, userMessage: string, options?: { cause?: unknown; detail?: string }) {
    super(options?.detail ?? userMessage, { cause: options?.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
