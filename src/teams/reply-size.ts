import type { Activity, Middleware, TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger';

/**
 * Teams refuses a message over about 28 KB (the whole activity, JSON). We keep a margin below 28 × 1024 bytes, since
 * the connector adds fields of its own.
 */
export const MAX_REPLY_BYTES = 27 * 1024;

export const TOO_LONG_TEXT =
  'That answer came out too long for Teams to show, so I did not send it. Ask for less at a time (for example one subscription or one page).';

export function activityBytes(activity: Partial<Activity> | object): number {
  return Buffer.byteLength(JSON.stringify(activity), 'utf8');
}

/** The activity itself when it fits, otherwise a short message in its place (keeping its addressing fields). */
export function fitForTeams(activity: Partial<Activity>, logger: Logger): Partial<Activity> {
  if (activity.type === 'invokeResponse') return fitInvokeResponse(activity, logger);
  if (activity.type !== undefined && activity.type !== 'message') return activity;
  const bytes = activityBytes(activity);
  if (bytes <= MAX_REPLY_BYTES) return activity;
  logger.warn('reply too large for Teams replaced', { bytes, limit: MAX_REPLY_BYTES });
  const short: Partial<Activity> = { ...activity, type: 'message', text: TOO_LONG_TEXT };
  delete short.attachments;
  delete short.entities;
  return short;
}

/** An Action.Execute answer (a card, or a message) is shown by Teams like a message, with the same limit. */
function fitInvokeResponse(activity: Partial<Activity>, logger: Logger): Partial<Activity> {
  const bytes = activityBytes(activity.value ?? {});
  if (bytes <= MAX_REPLY_BYTES) return activity;
  logger.warn('card answer too large for Teams replaced', { bytes, limit: MAX_REPLY_BYTES });
  const body = { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: TOO_LONG_TEXT };
  return { ...activity, value: { status: 200, body } };
}

/**
 * Adapter middleware: every message the bot sends or updates, in a turn or proactively, is checked here, so no
 * code path can post something Teams would refuse.
 */
export function replySizeGuard(logger: Logger): Middleware {
  return {
    onTurn: async (ctx: TurnContext, next: () => Promise<void>) => {
      ctx.onSendActivities(async (_ctx, activities, send) => {
        activities.splice(0, activities.length, ...activities.map((a) => fitForTeams(a, logger)));
        return send();
      });
      ctx.onUpdateActivity(async (_ctx, activity, update) => {
        const fitted = fitForTeams(activity, logger);
        if (fitted !== activity) {
          delete activity.attachments;
          delete activity.entities;
          Object.assign(activity, fitted);
        }
        return update();
      });
      await next();
    },
  };
}
