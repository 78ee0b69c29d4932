/**
 * A small structured logger: one JSON line per entry on stdout/stderr, child loggers carry bindings
 * (conversationId, activityId, referenceId). Keys that look like secrets are redacted.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(bindings: LogFields): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const SECRET_KEY = /password|secret|token|authorization/i;
/** Longest string kept in a log field, in characters (a stack fits; a pasted megabyte does not). */
export const MAX_LOG_STRING = 4000;
/** Items kept of an array, keys of an object, and how deep objects are followed, in a log field. */
const MAX_LOG_ITEMS = 50;
const MAX_LOG_DEPTH = 4;

function cut(text: string): string {
  return text.length <= MAX_LOG_STRING ? text : `${text.slice(0, MAX_LOG_STRING)}… (${text.length} chars)`;
}

/** A log field made safe to print: strings cut, arrays and objects bounded, errors as name/message/stack. */
function capped(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cut(value);
  if (value instanceof Error) return { name: value.name, message: cut(value.message), stack: cut(value.stack ?? '') };
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_LOG_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_LOG_ITEMS).map((v) => capped(v, depth + 1));
    return value.length > MAX_LOG_ITEMS ? [...items, `… ${value.length - MAX_LOG_ITEMS} more`] : items;
  }
  return redact(value as LogFields, depth + 1);
}

function redact(fields: LogFields, depth = 0): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields).slice(0, MAX_LOG_ITEMS)) {
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : capped(value, depth);
  }
  return out;
}

export function createLogger(level: LogLevel = 'info', bindings: LogFields = {}): Logger {
  const write = (entryLevel: Exclude<LogLevel, 'silent'>, message: string, fields: LogFields = {}): void => {
    if (ORDER[entryLevel] < ORDER[level]) return;
    const line = JSON.stringify({
      time: new Date().toISOString(),
      level: entryLevel,
      message: cut(message),
      ...redact(bindings),
      ...redact(fields),
    });
    (entryLevel === 'error' || entryLevel === 'warn' ? process.stderr : process.stdout).write(line + '\n');
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (more) => createLogger(level, { ...bindings, ...more }),
  };
}
