import pino, { type DestinationStream } from 'pino';
import { currentTurn } from '../observability/turn-scope';
import { REDACTED, scrub } from './redact';

export { MAX_LOG_STRING } from './redact';

/**
 * The bot's logger: pino, one JSON line per entry on stdout. Child loggers carry bindings (component, approvalId,
 * …); every line written while a turn is served carries that turn's correlationId. Secrets are removed twice:
 * pino's redact paths for the known places (headers, top-level and one-deep keys), and `scrub` for any depth and
 * for secrets inside strings.
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

const SECRET_NAMES = ['authorization', 'password', 'token', 'accessToken', 'clientSecret', 'connectionString'];
export const REDACT_PATHS = [
  ...SECRET_NAMES,
  ...SECRET_NAMES.map((name) => `*.${name}`),
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'req.headers.authorization',
  'request.headers.authorization',
];

function wrap(instance: pino.Logger): Logger {
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: LogFields): void => {
      if (!instance.isLevelEnabled(level)) return;
      const text = scrub(message) as string;
      if (fields) instance[level](scrub(fields) as LogFields, text);
      else instance[level](text);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (bindings) => wrap(instance.child(scrub(bindings) as LogFields)),
  };
}

let stdout: DestinationStream | undefined;
/** One synchronous stdout stream for every logger of the process (a line is written before the next begins). */
function standardOutput(): DestinationStream {
  stdout ??= pino.destination({ dest: 1, sync: true });
  return stdout;
}

/** `destination`: where lines go (tests pass a stream); stdout by default. */
export function createLogger(
  level: LogLevel = 'info',
  bindings: LogFields = {},
  destination: DestinationStream = standardOutput(),
): Logger {
  const instance = pino(
    {
      level,
      base: undefined,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      mixin: () => {
        const turn = currentTurn();
        return turn ? { correlationId: turn.correlationId } : {};
      },
    },
    destination,
  );
  return wrap(Object.keys(bindings).length > 0 ? instance.child(scrub(bindings) as LogFields) : instance);
}
