import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { startTyping } from '../../src/teams/turn';

/** An adapter whose typing sends wait until released, recording what reached the "connector" in order. */
class SlowTypingAdapter extends BotAdapter {
  readonly delivered: string[] = [];
  release!: () => void;
  private readonly released = new Promise<void>((resolve) => (this.release = resolve));

  async sendActivities(_ctx: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const a of activities) {
      if (a.type === 'typing') await this.released;
      this.delivered.push(a.type ?? 'message');
    }
    return activities.map((_, i) => ({ id: String(i) }));
  }
  async updateActivity(): Promise<void> {}
  async deleteActivity(): Promise<void> {}
  async continueConversation(_ref: Partial<ConversationReference>, _logic: (ctx: TurnContext) => Promise<void>) {}
}

const turn = (adapter: BotAdapter) =>
  new TurnContext(adapter, {
    type: 'message',
    text: 'estimate traffic',
    conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'u1', name: 'Alex' },
    recipient: { id: 'bot', name: 'bot' },
    channelId: 'msteams',
    serviceUrl: 'http://localhost/',
  });

describe('the typing indicator', () => {
  it('does not hold up the turn, and the answer never overtakes it', async () => {
    const adapter = new SlowTypingAdapter();
    const ctx = turn(adapter);
    startTyping(ctx); // returns at once: the Azure reads start while it is on its way
    const answered = ctx.sendActivity('Plan 2 is the cheapest');
    await new Promise((resolve) => setImmediate(resolve));
    expect(adapter.delivered).toEqual([]); // the answer waits for the indicator
    adapter.release();
    await answered;
    expect(adapter.delivered).toEqual(['typing', 'message']);
  });
});
