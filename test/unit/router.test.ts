import { ActivityTypes, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { Router } from '../../src/teams/router';

const BOT = { id: '28:bot', name: 'Defender APIs' };

function turn(activity: Partial<Activity>): TurnContext {
  const base = { channelId: 'msteams', conversation: { id: 'a:1' }, from: { id: '29:u' }, recipient: BOT };
  return new TurnContext(new TestAdapter(), { ...base, ...activity } as Activity);
}

const action = (verb: unknown, type = 'Action.Execute', data: unknown = { x: 1 }) =>
  turn({ type: ActivityTypes.Invoke, name: 'adaptiveCard/action', value: { action: { type, verb, data } } });

describe('the router', () => {
  it('runs an Action.Execute verb with its data and answers a text result as the invoke message', async () => {
    const seen: unknown[] = [];
    const router = new Router().action('plan.enable', async (_ctx, data) => (seen.push(data), 'Asked the approvers.'));
    const ctx = action('plan.enable');
    const sent: Partial<Activity>[] = [];
    ctx.onSendActivities(async (_ctx, activities, next) => (sent.push(...activities), next()));
    expect(await router.run(ctx)).toBe(true);
    expect(seen).toEqual([{ x: 1 }]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: ActivityTypes.InvokeResponse });
    expect(sent[0]?.value).toEqual({
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Asked the approvers.' },
    });
  });

  it('sends nothing more when the handler answered the invoke itself (a card)', async () => {
    const card = { type: 'AdaptiveCard' as const, version: '1.5', body: [] };
    const router = new Router().action('estimate.refresh', async (ctx) => {
      await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: card } });
      return card;
    });
    const ctx = action('estimate.refresh');
    const sent: Partial<Activity>[] = [];
    ctx.onSendActivities(async (_ctx, activities, next) => (sent.push(...activities), next()));
    await router.run(ctx);
    expect(sent).toHaveLength(1);
  });

  it('sends unknown verbs and non-Execute card actions to the catch-all, never to a verb handler', async () => {
    const hits: string[] = [];
    const router = new Router()
      .action('plan.enable', async () => (hits.push('verb'), 'no'))
      .anyOtherAction(async () => (hits.push('other'), 'Unknown button.'));
    await router.run(action('plan.delete'));
    await router.run(action('plan.enable', 'Action.Submit'));
    await router.run(action(42));
    expect(hits).toEqual(['other', 'other', 'other']);
  });

  it('stops the turn when a before-turn hook says no', async () => {
    const hits: string[] = [];
    const router = new Router()
      .beforeTurn(async () => (hits.push('gate'), false))
      .message(async () => void hits.push('message'));
    expect(await router.run(turn({ type: ActivityTypes.Message, text: 'help' }))).toBe(false);
    expect(hits).toEqual(['gate']);
  });

  it('removes the bot @mention before the message route reads the text', async () => {
    let text: string | undefined;
    const router = new Router().message(async (ctx) => void (text = ctx.activity.text));
    const mention = { type: 'mention', mentioned: BOT, text: '<at>Defender APIs</at>' };
    await router.run(turn({ type: ActivityTypes.Message, text: '<at>Defender APIs</at> help', entities: [mention] }));
    expect(text?.trim()).toBe('help');
  });

  it('still routes a message that names no recipient (nothing to remove)', async () => {
    let text: string | undefined;
    const router = new Router().message(async (ctx) => void (text = ctx.activity.text));
    await router.run(turn({ type: ActivityTypes.Message, text: 'help', recipient: undefined }));
    expect(text).toBe('help');
  });

  it('routes members-added updates, and leaves other activities unhandled (an invoke then gets 501)', async () => {
    const hits: string[] = [];
    const router = new Router().membersAdded(async () => void hits.push('added'));
    await router.run(turn({ type: ActivityTypes.ConversationUpdate, membersAdded: [BOT] }));
    expect(await router.run(turn({ type: ActivityTypes.ConversationUpdate, membersRemoved: [BOT] }))).toBe(false);
    expect(await router.run(turn({ type: ActivityTypes.Invoke, name: 'task/fetch' }))).toBe(false);
    expect(hits).toEqual(['added']);
  });
});
