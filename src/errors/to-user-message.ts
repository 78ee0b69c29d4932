import { isAppError } from './app-error';

/** The one place that decides what a user sees for an error: the AppError's message, or a generic one. */
export function toUserMessage(error: unknown, referenceId: string): string {
  if (isAppError(error)) return `${error.userMessage} (reference ${referenceId})`;
  return `Something went wrong on my side and nothing was changed. Please try again; if it keeps happening, give your operator the reference ${referenceId}.`;
}
