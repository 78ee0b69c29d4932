import type { TurnContext } from 'botbuilder';
import { AppError } from '../../errors/app-error';
import type { FixSelection } from '../../services/onboarding-service';
import { onboardingView } from '../cards/onboarding-view';
import { billWhatIfText } from '../cards/onboarding-what-if';
import { renderCard, type CardJson } from '../cards/render';
import type { BotDeps } from '../deps';
import { postApprovalCard } from '../post-approval';
import { actorOf, conversationKey, sendCard, startTyping } from '../turn';
import { approvalIdField, stringField, type ActionData } from './action-data';
import { turnSignal } from '../turn-budget';

/** `onboard unhealthy APIs`: counts, then the unhealthy APIs grouped by service with Fix buttons (first page). */
export async function onboardCommand(ctx: TurnContext, deps: BotDeps): Promise<void> {
  const subscription = await deps.subscriptions.current(conversationKey(ctx), turnSignal(ctx));
  startTyping(ctx);
  const [overview, estimate] = await Promise.all([
    deps.onboarding.overview(subscription, turnSignal(ctx)),
    // The bill what-if is extra: without an estimate (quota, Azure errors) the card is sent without it.
    deps.estimateCache.estimate(conversationKey(ctx), subscription, false, turnSignal(ctx)).catch(() => undefined),
  ]);
  const whatIfText = estimate && billWhatIfText(estimate.estimate);
  const view = { ...onboardingView(subscription, overview, 0), hasWhatIf: !!whatIfText, whatIfText };
  await sendCard(ctx, renderCard('onboarding', view, { sandbox: deps.runtime.sandbox }));
}

/** "Show more": the next page replaces the card for the person who clicked. */
export async function onboardingPageAction(ctx: TurnContext, deps: BotDeps, data: ActionData): Promise<CardJson> {
  const subscription = await deps.subscriptions.byId(
    stringField(data, 'subscriptionId'),
    conversationKey(ctx),
    turnSignal(ctx),
  );
  const page = Number(data.page);
  if (!Number.isInteger(page) || page < 0 || page > 10_000)
    throw new AppError('forged_action', 'That button asked for a page that does not exist.');
  const overview = await deps.onboarding.overview(subscription, turnSignal(ctx));
  return renderCard('onboarding', onboardingView(subscription, overview, page), { sandbox: deps.runtime.sandbox });
}

/** Fix, Fix all in <service>, Fix all (N): re-checks the APIs with Azure, then asks the approvers (with a what-if). */
export async function fixAction(
  ctx: TurnContext,
  deps: BotDeps,
  data: ActionData,
  kind: FixSelection['kind'],
): Promise<string> {
  deps.approvals.assertApprovable(actorOf(ctx));
  const subscription = await deps.subscriptions.byId(
    stringField(data, 'subscriptionId'),
    conversationKey(ctx),
    turnSignal(ctx),
  );
  const selection: FixSelection =
    kind === 'all'
      ? { kind }
      : kind === 'service'
        ? { kind, serviceId: stringField(data, 'serviceId') }
        : { kind, serviceId: stringField(data, 'serviceId'), apiName: stringField(data, 'apiName') };
  const { approval, postedIn } = await postApprovalCard(ctx, deps, (location) =>
    deps.onboarding.request(subscription, selection, actorOf(ctx), location),
  );
  const count = approval.change.kind === 'onboardApis' ? approval.change.apis.length : 0;
  return `I asked the approvers to onboard ${count} API${count === 1 ? '' : 's'}; the request is in ${postedIn ?? 'this chat'}.`;
}

/** "Retry failed": a fresh approval for the APIs that failed and are still unhealthy. */
export async function retryFailedAction(ctx: TurnContext, deps: BotDeps, data: ActionData): Promise<string> {
  const previous = await deps.approvals.get(approvalIdField(data));
  if (!previous || previous.change.kind !== 'onboardApis')
    throw new AppError(
      'approval_not_found',
      'I have no record of that onboarding. Type "onboard unhealthy APIs" for the current list.',
    );
  const failed = new Set((previous.progress?.items ?? []).flatMap((item, i) => (item.state === 'failed' ? [i] : [])));
  const subscription = await deps.subscriptions.byId(previous.subscriptionId, conversationKey(ctx), turnSignal(ctx));
  const { apis: stillUnhealthy, overview } = await deps.onboarding.select(
    subscription,
    { kind: 'all' },
    turnSignal(ctx),
  );
  const key = (a: { serviceId: string; apiName: string }): string => `${a.serviceId}|${a.apiName}`.toLowerCase();
  const wanted = new Set(previous.change.apis.filter((_, i) => failed.has(i)).map(key));
  const apis = stillUnhealthy.filter((a) => wanted.has(key(a)));
  if (apis.length === 0)
    throw new AppError('nothing_to_fix', 'Those APIs are not unhealthy any more; nothing to retry.');
  const { postedIn } = await postApprovalCard(ctx, deps, (location) =>
    deps.onboarding.requestFor(subscription, apis, overview.plan, actorOf(ctx), location),
  );
  return `I asked the approvers again for the ${apis.length} API${apis.length === 1 ? '' : 's'} that failed; the request is in ${postedIn ?? 'this chat'}.`;
}
