import { ActivityTypes, type Request, type Response, type TurnContext } from 'botbuilder';
import { activityProblems } from './activity-shape';
import type { BotDeps } from './deps';
import { reportError } from './error-boundary';
import { answerStillWorking } from './reliability/invoke-answer';
import { raceBudget } from './reliability/deadline';
import { replySizeGuard } from './reply-size';
import { durableCopy, passInvokeResponse } from './reliability/durable-context';
import { registerRoutes } from './routes';
import { Router } from './router';
import { truncate } from '../util/text-limits';

export interface Bot {
  /** Handles one POST /api/messages (validates the token, runs the turn, writes the HTTP answer). */
  process(req: Request, res: Response): Promise<void>;
}

/** Builds the bot: the adapter's middleware, our routes, and the adapter's last line of defence. */
export function createBot(deps: BotDeps): Bot {
  const adapter = deps.runtime.adapter;
  const app = new Router();
  adapter.use(replySizeGuard(deps.logger));
  registerRoutes(app, deps);
  // Last line of defence for anything a route boundary did not catch (e.g. a failure while sending the reply).
  adapter.onTurnError = async (ctx, error) => {
    reportError(error, deps.logger, ctx);
  };
  return {
    process: async (req, res) => {
      // Checked before authentication runs too: a malformed body is refused the same way for everyone.
      const problems = activityProblems(req.body);
      if (problems.length > 0) {
        deps.logger.warn('malformed activity refused', { problems });
        res.status(400);
        res.send({ error: 'malformed activity', problems });
        res.end();
        return;
      }
      await runTurn(req, res, deps, (ctx) => runWithinBudget(ctx, (durable) => app.run(durable), deps));
    },
  };
}

/**
 * A turn answers its HTTP request within its budget (an invoke in time for Teams' 5 s, a message before the
 * connector's 15 s): past it the work carries on in the background, and an invoke is answered "still working".
 */
async function runWithinBudget(
  ctx: TurnContext,
  run: (durable: TurnContext) => Promise<unknown>,
  deps: BotDeps,
): Promise<void> {
  const invoke = ctx.activity.type === ActivityTypes.Invoke;
  const { invokeBudgetMs, messageBudgetMs } = deps.runtime.timeouts;
  // The turn runs on a copy that outlives the answer (botbuilder revokes `ctx` once the HTTP answer is written).
  const durable = durableCopy(ctx);
  const turn = run(durable);
  const outcome = await raceBudget(turn, invoke ? invokeBudgetMs : messageBudgetMs);
  if (outcome.done) return passInvokeResponse(durable, ctx);
  deps.logger.warn('turn ran past its budget; it goes on in the background', {
    activityType: ctx.activity.type,
    conversationId: ctx.activity.conversation?.id,
  });
  deps.runtime.background.track(turn);
  if (invoke) answerStillWorking(ctx, durable);
}

type Logic = (ctx: TurnContext) => Promise<void>;

/**
 * adapter.process answers a refused token with 500 (signature errors) or 401, with the library's own text as the
 * body ("invalid algorithm", the OpenID URL). Its answer is caught here: a failure before the turn started is
 * authentication (401), one after it is ours (500); neither answer carries library text.
 */
async function runTurn(req: Request, res: Response, deps: BotDeps, logic: Logic): Promise<void> {
  let turnStarted = false;
  const answer: { status: number; body?: unknown } = { status: 200 };
  const captured = {
    status: (code: number) => void (answer.status = code),
    send: (body?: unknown) => void (answer.body = body),
    header: () => undefined,
    end: () => undefined,
  };
  await deps.runtime.adapter.process(req, captured as unknown as Response, (ctx) => {
    turnStarted = true;
    return logic(ctx);
  });
  const reason = truncate(typeof answer.body === 'string' ? answer.body : '', 200);
  if (!turnStarted && answer.status >= 400) {
    deps.logger.warn('inbound activity refused: authentication failed', { status: answer.status, reason });
    answer.status = 401;
    answer.body = { error: 'unauthorized' };
  } else if (answer.status >= 500 && typeof answer.body === 'string') {
    deps.logger.error('activity processing failed', { status: answer.status, reason });
    answer.body = { error: 'internal error' };
  }
  res.status(answer.status);
  if (answer.body !== undefined) res.send(answer.body);
  res.end();
}
