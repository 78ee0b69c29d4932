/**
 * The minimum an inbound activity needs before a turn can run: without a conversation and serviceUrl the bot could
 * not even answer, and botbuilder would fail deep inside the turn. Returns the problems; empty = fine.
 */
export function activityProblems(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['the body is not a JSON object'];
  const a = body as Record<string, unknown>;
  const problems: string[] = [];
  const isText = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
  if (!isText(a.type)) problems.push('type is missing');
  if (!isText(a.serviceUrl)) problems.push('serviceUrl is missing');
  if (!isText(a.channelId)) problems.push('channelId is missing');
  const conversation = a.conversation as Record<string, unknown> | undefined;
  if (!conversation || !isText(conversation.id)) problems.push('conversation.id is missing');
  const from = a.from as Record<string, unknown> | undefined;
  if (!from || !isText(from.id)) problems.push('from.id is missing');
  return problems;
}
