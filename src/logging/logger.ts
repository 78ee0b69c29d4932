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

function redact(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_KEY.test(key)) out[key] = '[redacted]';
    else if (value instanceof Error) out[key] = { name: value.name, message: value.message, stack: value.stack };
    else out[key] = value;
  }
  return out;
}

export function createLogger(level: LogLevel = 'info', bindings: LogFields = {}): Logger {
  const write = (entryLevel: Exclude<LogLevel, 'silent'>, message: string, fields: LogFields = {}): void => {
    if (ORDER[entryLevel] < ORDER[level]) return;
    const line = JSON.stringify({
      time: new Date().toISOString(),
      level: entryLevel,
      message,
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
