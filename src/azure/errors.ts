import { AppError } from '../errors/app-error';
import { isRequestTimeout } from './request-timeout-policy';

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get?(name: string): string | undefined } };
}

/** Azure's error codes and request ids are short tokens; anything else is not passed on to a person. */
const SAFE_TOKEN = /^[A-Za-z0-9_.:-]{1,80}$/;

/**
 * What a person gets from Azure's answer: its error code and request id (for a support ticket), never its message,
 * which can be long and names internals. Empty when Azure gave neither.
 */
export function azureReference(error: unknown): string {
  const { code, response } = asRestError(error);
  const header = (name: string) => {
    try {
      return response?.headers?.get?.(name);
    } catch {
      return undefined;
    }
  };
  const requestId = header('x-ms-request-id') ?? header('x-ms-correlation-request-id');
  const parts = [
    code && SAFE_TOKEN.test(code) ? `Azure error ${code}` : undefined,
    requestId && SAFE_TOKEN.test(requestId) ? `request id ${requestId}` : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function asRestError(error: unknown): RestErrorLike {
  return typeof error === 'object' && error !== null ? (error as RestErrorLike) : {};
}

/** The HTTP status an SDK error carries, if any. */
export function statusOf(error: unknown): number | undefined {
  return asRestError(error).statusCode;
}

/**
 * Maps an SDK failure to an AppError a person can act on. `doing` completes "I couldn't …", and `role` names the
 * Azure role that grants the call, for 403s.
 */
export function toAppError(error: unknown, doing: string, role = 'Reader'): AppError {
  if (error instanceof AppError) return error;
  const { statusCode, code } = asRestError(error);
  const detail = `${doing}: ${statusCode ?? 'no status'} ${code ?? ''} ${asRestError(error).message ?? ''}`.trim();
  const options = { cause: error, detail };
  if (isRequestTimeout(error))
    return new AppError(
      'azure_timeout',
      `I couldn't ${doing}: Azure did not answer in time. Try again shortly.`,
      options,
    );
  const ref = azureReference(error);
  if (statusCode === 401 || statusCode === 403)
    return new AppError(
      'azure_forbidden',
      `I couldn't ${doing}: Azure refused access${ref}. Give the bot's identity the ${role} role there.`,
      options,
    );
  if (statusCode === 404)
    return new AppError(
      'azure_not_found',
      `I couldn't ${doing}: Azure says it does not exist (or the bot cannot see it)${ref}.`,
      options,
    );
  if (statusCode === 429)
    return new AppError(
      'azure_throttled',
      `I couldn't ${doing}: Azure is throttling requests right now${ref}. Try again in a minute.`,
      options,
    );
  if (statusCode === 400 || statusCode === 409)
    return new AppError(
      'azure_bad_request',
      `I couldn't ${doing}: Azure rejected the request${ref || ` (HTTP ${statusCode})`}.`,
      options,
    );
  return new AppError(
    'azure_unavailable',
    `I couldn't ${doing}: Azure did not answer properly${statusCode ? ` (HTTP ${statusCode})` : ''}${ref}. Try again shortly.`,
    options,
  );
}

/** True for an SDK call stopped through its AbortSignal. */
export function isAbort(error: unknown): boolean {
  return (error as { name?: string } | undefined)?.name === 'AbortError';
}

/** True when the signal was stopped by a deadline (AbortSignal.timeout), not by a shutdown or a person. */
export function isDeadline(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError';
}

/**
 * What a wrapper throws when a call fails: a stop (shutdown) stays the AbortError it is, so callers can tell it from
 * a failure; a deadline that ran out becomes azure_timeout naming the call; anything else goes through toAppError.
 */
export function failureOf(error: unknown, doing: string, role: string | undefined, signal?: AbortSignal): unknown {
  if (isAbort(error) && isDeadline(signal)) {
    return new AppError('azure_timeout', `I couldn't ${doing}: Azure did not answer in time. Try again shortly.`, {
      cause: error,
      detail: `${doing}: no answer before the deadline`,
    });
  }
  if (isAbort(error)) return error;
  return toAppError(error, doing, role);
}

/** A one-line reason for a per-service failure shown on a card. */
export function shortReason(error: unknown): string {
  if (isRequestTimeout(error) || isAbort(error)) return 'no answer in time';
  const { statusCode, code } = asRestError(error);
  if (statusCode === 401 || statusCode === 403) return 'access denied (needs Monitoring Reader)';
  if (statusCode === 429) return 'throttled by Azure';
  const safeCode = code && SAFE_TOKEN.test(code) ? code : undefined;
  if (statusCode) return `HTTP ${statusCode}${safeCode ? ` ${safeCode}` : ''}`;
  return safeCode ?? 'no answer';
}
