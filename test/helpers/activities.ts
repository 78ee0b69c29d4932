import { randomUUID } from 'node:crypto';

export interface Person {
  id: string;
  name: string;
  aadObjectId: string;
}

export const ALEX: Person = { id: '29:alex', name: 'Alex Wilber', aadObjectId: '00000000-0000-4000-8000-00000000a1e0' };
export const MEGAN: Person = {
  id: '29:megan',
  name: 'Megan Bowen',
  aadObjectId: '00000000-0000-4000-8000-0000000be9a0',
};
export const ADELE: Person = {
  id: '29:adele',
  name: 'Adele Vance',
  aadObjectId: '00000000-0000-4000-8000-0000000ade1e',
};
export const EVE: Person = { id: '29:eve', name: 'Eve Intruder', aadObjectId: '00000000-0000-4000-8000-000000000e0e' };

export interface ActivityOptions {
  serviceUrl: string;
  from?: Person;
  conversationId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  /** The Entra tenant Teams names in the activity; default 'tenant-1'. */
  tenantId?: string;
}

function base(options: ActivityOptions) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    timestamp: new Date().toISOString(),
    from: options.from ?? ALEX,
    recipient: { id: '28:bot', name: 'Defender APIs' },
    conversation: {
      id: options.conversationId ?? 'a:personal-chat-1',
      conversationType: options.conversationType ?? 'personal',
      tenantId: options.tenantId ?? 'tenant-1',
    },
    channelData: { tenant: { id: options.tenantId ?? 'tenant-1' } },
    locale: 'en-US',
  };
}

/** A message as Teams sends it; `mention` adds the bot @mention a channel message carries. */
export function messageActivity(text: string, options: ActivityOptions & { mention?: boolean }) {
  const mentionText = '<at>Defender APIs</at>';
  return {
    ...base(options),
    type: 'message',
    text: options.mention ? `${mentionText} ${text}` : text,
    entities: options.mention
      ? [{ type: 'mention', text: mentionText, mentioned: { id: '28:bot', name: 'Defender APIs' } }]
      : [],
  };
}

/** An Action.Execute click (invoke adaptiveCard/action). */
export function actionExecuteActivity(verb: string, data: Record<string, unknown>, options: ActivityOptions) {
  return {
    ...base(options),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'activity-1',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** The conversationUpdate Teams sends when the bot is added to a chat, team or channel. */
export function botAddedActivity(
  serviceUrl: string,
  conversationId: string,
  conversationType: 'personal' | 'groupChat' | 'channel',
  options: { membersAdded?: { id: string }[]; eventType?: string } = {},
) {
  return {
    type: 'conversationUpdate',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:alex', name: 'Alex Wilber' },
    recipient: { id: '28:bot', name: 'Defender APIs' },
    conversation: { id: conversationId, conversationType, tenantId: 'tenant-1' },
    membersAdded: options.membersAdded ?? [{ id: '29:alex' }, { id: '28:bot' }],
    channelData: { tenant: { id: 'tenant-1' }, ...(options.eventType ? { eventType: options.eventType } : {}) },
  };
}
