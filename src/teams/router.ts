import { ActivityTypes, INVOKE_RESPONSE_KEY, TurnContext } from 'botbuilder';
import type { CardJson } from './cards/render';

/** What an Action.Execute handler answers: a message for the clicker, or a card (answered by the handler itself). */
export type ActionAnswer = string | CardJson;
export type ActionHandler = (ctx: TurnContext, data: Record<string, unknown>) => Promise<ActionAnswer>;
type TurnHook = (ctx: TurnContext) => Promise<boolean>;
type Handler = (ctx: TurnContext) => Promise<void>;
type Selector = (ctx: TurnContext) => boolean;

const ACTION_INVOKE = 'adaptiveCard/action';
const MESSAGE = 'application/vnd.microsoft.activity.message';

/** The verb of an Adaptive Card Action.Execute invoke, or undefined for any other activity. */
export function actionVerb(ctx: TurnContext): string | undefined {
  const a = ctx.activity;
  if (a.type !== ActivityTypes.Invoke || a.name !== ACTION_INVOKE) return undefined;
  const action = (a.value as { action?: { type?: unknown; verb?: unknown } } | undefined)?.action;
  return action?.type === 'Action.Execute' && typeof action.verb === 'string' ? action.verb : undefined;
}

/**
 * The bot's router: the part of teams-ai's Application we used (before-turn hooks, Action.Execute verbs, message and
 * members-added routes, @mention removal), in the same order of dispatch. teams-ai's Application is not used since
 * it loads its sign-in stack at import (botbuilder-dialogs and the Recognizers-Text tables: about 40 MB of resident
 * memory per process) and builds a turn state per turn, for features this bot does not use.
 */
export class Router {
  private readonly hooks: TurnHook[] = [];
  private readonly actions = new Map<string, ActionHandler>();
  private otherAction?: ActionHandler;
  private readonly routes: { selects: Selector; handle: Handler }[] = [];

  /** Runs first on every turn; false stops the turn there. */
  beforeTurn(hook: TurnHook): this {
    this.hooks.push(hook);
    return this;
  }

  /** An Action.Execute verb. A string answer is sent as the invoke's message; a card is answered by the handler. */
  action(verb: string, handle: ActionHandler): this {
    this.actions.set(verb, handle);
    return this;
  }

  /** Any other adaptiveCard/action invoke: an unknown verb, or not an Action.Execute at all. */
  anyOtherAction(handle: ActionHandler): this {
    this.otherAction = handle;
    return this;
  }

  membersAdded(handle: Handler): this {
    const selects: Selector = (ctx) =>
      ctx.activity.type === ActivityTypes.ConversationUpdate && (ctx.activity.membersAdded?.length ?? 0) > 0;
    this.routes.push({ selects, handle });
    return this;
  }

  message(handle: Handler): this {
    this.routes.push({ selects: (ctx) => ctx.activity.type === ActivityTypes.Message, handle });
    return this;
  }

  /** Dispatches one turn; true when a route handled it. An invoke nobody handled is answered 501 by the adapter. */
  async run(ctx: TurnContext): Promise<boolean> {
    const activity = ctx.activity;
    // Without a recipient there is no mention of the bot to remove (and botbuilder's helper would throw).
    if (activity.type === ActivityTypes.Message && activity.recipient?.id)
      activity.text = TurnContext.removeRecipientMention(activity);
    for (const hook of this.hooks) if (!(await hook(ctx))) return false;
    if (activity.type === ActivityTypes.Invoke && activity.name === ACTION_INVOKE) {
      const verb = actionVerb(ctx);
      const handle = (verb !== undefined ? this.actions.get(verb) : undefined) ?? this.otherAction;
      if (handle) return this.answerAction(ctx, handle);
    }
    const route = this.routes.find((r) => r.selects(ctx));
    if (!route) return false;
    await route.handle(ctx);
    return true;
  }

  private async answerAction(ctx: TurnContext, handle: ActionHandler): Promise<boolean> {
    const action = (ctx.activity.value as { action?: { data?: unknown } } | undefined)?.action;
    const data = typeof action?.data === 'object' && action.data !== null ? action.data : {};
    const answer = await handle(ctx, data as Record<string, unknown>);
    if (typeof answer === 'string' && !ctx.turnState.get(INVOKE_RESPONSE_KEY))
      await ctx.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: { status: 200, body: { statusCode: 200, type: MESSAGE, value: answer } },
      });
    return true;
  }
}
