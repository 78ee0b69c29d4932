import { isAppError } from '../errors/app-error';

/**
 * What never reaches a log line: values under keys that name a secret, at any depth, and secrets embedded in
 * strings (a bearer token, a storage account key or SAS signature inside a connection string or URL). Errors are
 * reduced to the fields an operator needs: name, message, code, statusCode, request id, cause (recursively), stack.
 */
export const REDACTED = '[redacted]';

/** Key names whose values are secrets, whatever object they sit in. */
export const SECRET_KEY =
  /password|passwd|secret|token|authorization|cookie|connection_?string|api_?key|account_?key|credential|signature|^sig$/i;

/** Secrets inside text: "Bearer eyJ…", "AccountKey=…;", "SharedAccessSignature=…", "?sig=…" / "&sig=…". */
const SECRET_IN_TEXT: [RegExp, string][] = [
  [/(bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, `$1${REDACTED}`],
  [/((?:AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd)=)[^;]*/gi, `$1${REDACTED}`],
  [/([?&]sig=)[^&\s"]*/gi, `$1${REDACTED}`],
];

/** Deeper than this an object is cut (a cycle or a huge SDK object should not stall or bloat a log line). */
const MAX_DEPTH = 8;
/** Longest string kept in a log field, in characters (a stack fits; a pasted megabyte does not). */
export const MAX_LOG_STRING = 4000;
/** Items kept of an array and keys of an object in a log field. */
const MAX_LOG_ITEMS = 50;

function scrubText(text: string): string {
  // Cut first (a megabyte is not run through the patterns), leaving room for a secret that straddles the cut.
  let out = text.length <= MAX_LOG_STRING ? text : text.slice(0, MAX_LOG_STRING + 200);
  for (const [pattern, replacement] of SECRET_IN_TEXT) out = out.replace(pattern, replacement);
  return text.length <= MAX_LOG_STRING ? out : `${out.slice(0, MAX_LOG_STRING)}… (${text.length} chars)`;
}

function requestIdOf(error: Record<string, unknown>): unknown {
  const request = error.request as { requestId?: unknown } | undefined;
  const response = error.response as { headers?: { get?: (name: string) => unknown } } | undefined;
  const header = typeof response?.headers?.get === 'function' ? response.headers.get('x-ms-request-id') : undefined;
  return error.requestId ?? header ?? request?.requestId;
}

/** An error as a log record: never its `request`/`response` objects (they carry headers and bodies). */
export function serializeError(error: Error, depth = 0): Record<string, unknown> {
  const raw = error as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { name: error.name, message: scrubText(error.message) };
  if (raw.code !== undefined) out.code = raw.code;
  if (raw.statusCode !== undefined) out.statusCode = raw.statusCode;
  const requestId = requestIdOf(raw);
  if (requestId !== undefined) out.requestId = requestId;
  if (raw.cause !== undefined) out.cause = scrub(raw.cause, depth + 1);
  // An AppError is an expected refusal with a stable code: its stack says nothing an operator needs.
  if (error.stack && !isAppError(error)) out.stack = scrubText(error.stack);
  return out;
}

/** A copy of `value` with every secret replaced by "[redacted]"; the input is not changed. */
export function scrub(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH || seen.has(value)) return '[cut]';
  seen.add(value);
  if (value instanceof Error) return serializeError(value, depth);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_LOG_ITEMS).map((item) => scrub(item, depth + 1, seen));
    return value.length > MAX_LOG_ITEMS ? [...items, `… ${value.length - MAX_LOG_ITEMS} more`] : items;
  }
  if (value instanceof Map) return scrub(Object.fromEntries(value), depth, seen);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value).slice(0, MAX_LOG_ITEMS)) {
    out[key] = SECRET_KEY.test(key) && item !== undefined ? REDACTED : scrub(item, depth + 1, seen);
  }
  return out;
}
