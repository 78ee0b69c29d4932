import type { TurnContext } from 'botbuilder';
import { formatCount, formatPercent } from '../../domain/format';
import type { UsageLevel } from '../../domain/usage';
import type { AlertsTurnedOn } from '../../services/alert-service';
import { monthEndText } from '../cards/usage-text';
import { conversationAddressOf } from '../conversation-address';
import type { BotDeps } from '../deps';
import { actorOf, conversationKey, startTyping } from '../turn';
import { turnSignal } from '../turn-budget';

const DATE = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** 900 → "15 minutes", 1 → "1 second". */
export function everyText(seconds: number): string {
  const [count, unit] =
    seconds % 3600 === 0
      ? [seconds / 3600, 'hour']
      : seconds % 60 === 0
        ? [seconds / 60, 'minute']
        : [seconds, 'second'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

const levelName = (level: UsageLevel): string =>
  level.kind === 'threshold' ? `${level.percent}%` : 'projected to exceed by month end';

function thresholdsText(thresholds: readonly number[]): string {
  const list = thresholds.map((t) => `${t}%`);
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list.at(-1)}` : (list[0] ?? '');
}

function turnedOnText(on: AlertsTurnedOn): string {
  const { status } = on;
  const plan = status.entitlementPlan;
  const lines = [
    `${on.isNew ? 'Alerts are on' : 'Alerts were already on'} in this chat for **${on.subscription.name}**.`,
    `I'll post here when month-to-date requests reach ${thresholdsText(on.thresholds)} of ${plan.name}'s ${formatCount(plan.entitlement)} included calls, and when they are projected to exceed it by month end. Each level is posted once a month; I check every ${everyText(on.checkIntervalSeconds)}.`,
  ];
  if (status.plan?.tier !== 'Standard')
    lines.push(
      status.plan?.tier === 'Free'
        ? `Defender for APIs is off in this subscription, so I compare with ${plan.name}: Azure applies it when you enable Defender for APIs without picking a plan.`
        : `I couldn't read the subscription's plan, so I compare with ${plan.name}.`,
    );
  lines.push(
    `Today: ${formatCount(status.usage.monthToDate)} requests this month (${formatPercent(status.usage.monthToDate / plan.entitlement)}), projected ${formatCount(status.usage.projected)} by ${monthEndText(status.at)}${status.complete ? '' : " (incomplete: some services' metrics could not be read)"}.`,
  );
  if (on.reached.length > 0)
    lines.push(
      `Already reached: ${on.reached
        .map(
          (r) => `${levelName(r.level)} (${r.alreadyFired ? 'already posted this month' : 'posted at the next check'})`,
        )
        .join(', ')}.`,
    );
  return lines.join('\n\n');
}

/** `alerts on`: this conversation watches its current subscription; the reference is stored for proactive posts. */
export async function alertsOn(ctx: TurnContext, deps: BotDeps): Promise<void> {
  const subscription = await deps.subscriptions.current(conversationKey(ctx), turnSignal(ctx));
  startTyping(ctx);
  const on = await deps.alerts.turnOn(conversationAddressOf(ctx), subscription, actorOf(ctx));
  deps.logger.info('alerts on', {
    subscriptionId: subscription.id,
    conversationId: conversationKey(ctx),
    isNew: on.isNew,
  });
  await ctx.sendActivity(turnedOnText(on));
}

/** `alerts off`: stops every alert in this conversation. */
export async function alertsOff(ctx: TurnContext, deps: BotDeps): Promise<void> {
  const removed = await deps.alerts.turnOff(conversationKey(ctx), actorOf(ctx));
  await ctx.sendActivity(
    removed.length === 0
      ? 'Alerts were not on in this chat; nothing changed.'
      : `Alerts are off in this chat (it watched ${removed.map((s) => `**${s.subscriptionName}**`).join(', ')}).`,
  );
}

/** `alerts status`: what this conversation watches, snoozes, thresholds and how often usage is checked. */
export async function alertsStatus(ctx: TurnContext, deps: BotDeps): Promise<void> {
  const watching = await deps.alerts.watching(conversationKey(ctx));
  const how = `Thresholds: ${thresholdsText(deps.alerts.thresholds)} of the plan's entitlement, and the projection to month end; checked every ${everyText(deps.alerts.checkIntervalSeconds)}.`;
  if (watching.length === 0) {
    await ctx.sendActivity(
      `Alerts are off in this chat. Type "alerts on" to get them for this chat's subscription.\n\n${how}`,
    );
    return;
  }
  const lines = watching.map((s) => {
    const snoozed =
      s.snoozedNow && s.snoozedUntil ? `, snoozed until ${DATE.format(new Date(s.snoozedUntil))} UTC` : '';
    return `- **${s.subscriptionName}** (turned on by ${s.subscribedBy.name}${snoozed})`;
  });
  await ctx.sendActivity(`Alerts are on in this chat for:\n\n${lines.join('\n')}\n\n${how}`);
}
