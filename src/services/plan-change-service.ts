import type { Approval, Actor, CardLocation } from '../domain/approval';
import type { Subscription } from '../domain/azure-types';
import { costOf, planById, type PlanId } from '../domain/plans';
import { formatUsd } from '../domain/format';
import type { DefenderPlanWriter } from './approval-ports';
import type { ApprovalService } from './approval-service';
import type { ChangeRunner } from './change-executor';
import type { EstimateService } from './estimate-service';

/** `enable plan Pn`: a what-if at the last 30 days' traffic, then an approval request; the change runs once approved. */
export class PlanChangeService {
  constructor(
    private readonly estimates: EstimateService,
    private readonly approvals: ApprovalService,
    private readonly writer: DefenderPlanWriter,
    /** Called once a plan change is done, so recent estimates of that subscription are not reused. */
    private readonly onPlanChanged: (subscriptionId: string) => void = () => undefined,
  ) {}

  async request(subscription: Subscription, planId: PlanId, requester: Actor, card?: CardLocation): Promise<Approval> {
    this.approvals.assertApprovable(requester);
    const estimate = await this.estimates.estimate(subscription);
    const current = estimate.currentPlan;
    return this.approvals.request(
      {
        kind: 'setPlan',
        planId,
        fromTier: current?.tier ?? 'Unknown',
        fromPlanId: current?.tier === 'Standard' ? (current.planId ?? 'P1') : undefined,
        whatIf: {
          calls: estimate.billed,
          complete: estimate.complete,
          currentMicroUsd: estimate.currentCost?.totalMicroUsd,
          newMicroUsd: costOf(planById(planId), estimate.billed).totalMicroUsd,
        },
      },
      subscription,
      requester,
      card,
    );
  }

  /** The runner the executor calls once approved: PUT the pricing, read it back, and say what Azure now reports. */
  readonly runner: ChangeRunner = async (approval, signal) => {
    if (approval.change.kind !== 'setPlan') throw new Error('not a plan change');
    const wanted = approval.change.planId;
    const after = await this.writer.setDefenderPlan(approval.subscriptionId, wanted, signal);
    this.onPlanChanged(approval.subscriptionId);
    if (after.tier !== 'Standard' || after.planId !== wanted)
      throw new Error(`Azure reports ${after.tier} ${after.planId ?? ''} after setting ${wanted}`);
    const cost = approval.change.whatIf
      ? ` Expected cost at recent traffic: ${formatUsd(approval.change.whatIf.newMicroUsd)} a month.`
      : '';
    return {
      outcome: `${planById(wanted).name} is now active on ${approval.subscriptionName} (read back from Azure).${cost}`,
    };
  };
}
