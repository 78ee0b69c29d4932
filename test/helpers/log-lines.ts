import { Writable } from 'node:stream';
import { createLogger, type LogLevel, type Logger } from '../../src/logging/logger';

/** A real (pino) logger whose JSON lines are kept in memory, parsed, for assertions. */
export function recordingLogger(level: LogLevel = 'debug'): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger(level, {}, sink), lines };
}
