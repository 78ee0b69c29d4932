import { randomBytes } from 'node:crypto';

/** A short id a person can quote to an operator; the same id is in the log line with the stack. */
export function newReferenceId(): string {
  return randomBytes(4).toString('hex');
}
