import type { TurnContext } from 'botbuilder';
import { AppError } from '../errors/app-error';
import { parseCommand, type CommandName } from './commands';
import type { BotDeps } from './deps';
import { reportError, withMessageBoundary } from './error-boundary';
import { useSubscriptionAction } from './handlers/card-actions';
import { decideAction, refreshApprovalAction } from './handlers/approvals';
import { auditPageAction, showAudit } from './handlers/audit';
import { approvalsHere } from './handlers/approvals-here';
import { insightsCommand } from './handlers/insights';
import { fixAction, onboardCommand, onboardingPageAction, retryFailedAction } from './handlers/onboarding';
import { enablePlanAction, enablePlanCommand } from './handlers/enable-plan';
import type { CardJson } from './cards/render';
import { estimateTraffic, refreshEstimateAction } from './handlers/estimate';
import { estimateAll, refreshEstimateAllAction } from './handlers/estimate-all';
import { acknowledgeAlertAction, refreshAlertAction, snoozeAlertAction } from './handlers/alert-actions';
import { alertsOff, alertsOn, alertsStatus } from './handlers/alerts';
import { rememberOnInstall } from './handlers/install';
import { welcomeOnInstall } from './handlers/welcome';
import { comparePlansAction } from './handlers/plan-compare';
import { showStatus } from './handlers/status';
import { sendHelp } from './handlers/help';
import { listSubscriptions, useSubscription, withSubscriptionPicker } from './handlers/subscriptions';
import { answeredEarly, answerWithCard, postLateAnswer } from './reliability/invoke-answer';
import { closestCommand } from './suggest';
import type { Router } from './router';
import { DEFAULT_TURN_BUDGET_MS, withTurnBudget } from './turn-budget';
import { noteTurnCommand } from '../observability/turn-scope';
import { callerOf, tenantGate } from './access-gate';
import { bindSubscription, listBindings, unbindSubscription } from './handlers/bindings';
import { quoted } from '../util/text-limits';
import { commandText } from './cards/command-button';

type Handler = (ctx: TurnContext, deps: BotDeps, argument: string) => Promise<void>;

/** Every command has a handler: the Record type makes a missing one a compile error. */
const HANDLERS: Record<CommandName, Handler> = {
  help: (ctx, deps) => sendHelp(ctx, deps),
  estimate: (ctx, deps) => estimateTraffic(ctx, deps),
  estimateAll: (ctx, deps) => estimateAll(ctx, deps),
  subscriptions: (ctx, deps) => listSubscriptions(ctx, deps),
  useSubscription: (ctx, deps, arg) => useSubscription(ctx, deps, arg),
  enablePlan: (ctx, deps, arg) => enablePlanCommand(ctx, deps, arg),
  audit: (ctx, deps) => showAudit(ctx, deps),
  approvalsHere: (ctx, deps) => approvalsHere(ctx, deps),
  onboard: (ctx, deps) => onboardCommand(ctx, deps),
  onboarded: (ctx, deps) => insightsCommand(ctx, deps),
  status: (ctx, deps) => showStatus(ctx, deps),
  alertsOn: (ctx, deps) => alertsOn(ctx, deps),
  alertsOff: (ctx, deps) => alertsOff(ctx, deps),
  alertsStatus: (ctx, deps) => alertsStatus(ctx, deps),
  bind: (ctx, deps, arg) => bindSubscription(ctx, deps, arg),
  unbind: (ctx, deps, arg) => unbindSubscription(ctx, deps, arg),
  bindings: (ctx, deps) => listBindings(ctx, deps),
};

async function onMessage(ctx: TurnContext, deps: BotDeps): Promise<void> {
  const text = commandText(ctx.activity.text, ctx.activity.value);
  const command = parseCommand(text);
  noteTurnCommand(command?.spec.name ?? (text.trim() ? 'unknown' : 'empty'));
  if (command) {
    const access = command.spec.access;
    if (access) await deps.access.require(callerOf(ctx), access.role, command.spec.usage, access.refusal);
    return withSubscriptionPicker(ctx, deps, () => HANDLERS[command.spec.name](ctx, deps, command.argument));
  }
  if (!text.trim()) return sendHelp(ctx, deps, 'Type one of these commands:');
  const guess = closestCommand(text);
  const typed = quoted(text);
  return sendHelp(
    ctx,
    deps,
    guess ? `I don't know "${typed}". Did you mean "${guess}"?` : `I don't know "${typed}".`,
    { suggestion: guess, fixedIntro: false }, // quotes the person's text: not a fixed card
  );
}

const budgetOf = (deps: BotDeps): number => deps.turnBudgetMs ?? DEFAULT_TURN_BUDGET_MS;

type ActionHandler = (ctx: TurnContext, deps: BotDeps, data: Record<string, unknown>) => Promise<string | CardJson>;

const ACTIONS: Record<string, ActionHandler> = {
  'plan.enable': enablePlanAction,
  'subscription.use': useSubscriptionAction,
  'approval.approve': (ctx, deps, data) => decideAction(ctx, deps, data, 'approve'),
  'approval.reject': (ctx, deps, data) => decideAction(ctx, deps, data, 'reject'),
  'approval.refresh': refreshApprovalAction,
  'api.fix': (ctx, deps, data) => fixAction(ctx, deps, data, 'api'),
  'apis.fixService': (ctx, deps, data) => fixAction(ctx, deps, data, 'service'),
  'apis.fixAll': (ctx, deps, data) => fixAction(ctx, deps, data, 'all'),
  'apis.page': onboardingPageAction,
  'apis.retryFailed': retryFailedAction,
  'plan.compare': comparePlansAction,
  'estimate.refresh': refreshEstimateAction,
  'estimateAll.refresh': refreshEstimateAllAction,
  'alert.ack': acknowledgeAlertAction,
  'alert.snooze': snoozeAlertAction,
  'alert.refresh': refreshAlertAction,
  'audit.page': auditPageAction,
};

/** Registers every route: before-turn hooks in order, then Action.Execute verbs, then the activity routes. */
export function registerRoutes(router: Router, deps: BotDeps): void {
  router.beforeTurn(tenantGate(deps)); // first: another tenant's activity stops here, before anything is stored
  router.beforeTurn(rememberOnInstall(deps));
  router.membersAdded((ctx) => welcomeOnInstall(ctx, deps));
  for (const [verb, handle] of Object.entries(ACTIONS)) {
    router.action(verb, async (ctx, data) => {
      noteTurnCommand(`action:${verb}`);
      try {
        const answer = await withTurnBudget(ctx, budgetOf(deps), () => handle(ctx, deps, data));
        if (answeredEarly(ctx)) await postLateAnswer(ctx, answer);
        // A card is answered here, so a failing card update for everyone cannot turn it into an error.
        else if (typeof answer !== 'string') await answerWithCard(ctx, answer, deps.runtime);
        return answer;
      } catch (error) {
        const message = reportError(error, deps.logger, ctx);
        if (answeredEarly(ctx)) await postLateAnswer(ctx, message);
        return message;
      }
    });
  }
  // Any other card action: a stale card from an older version, or a forged invoke.
  router.anyOtherAction(async (ctx) =>
    reportError(
      new AppError(
        'forged_action',
        'That button is not one I know (the card may be from an older version). Ask me again for a fresh card.',
      ),
      deps.logger,
      ctx,
    ),
  );
  router.message((ctx) =>
    withMessageBoundary(ctx, deps.logger, () => withTurnBudget(ctx, budgetOf(deps), () => onMessage(ctx, deps))),
  );
}
