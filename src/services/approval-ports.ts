import type { Approval } from '../domain/approval';
import type { DefenderPlan } from '../domain/azure-types';
import type { PlanId } from '../domain/plans';

/** Writes to Azure that approvals authorise. Implemented by the Azure layer over the SDK clients. */
export interface DefenderPlanWriter {
  /** PUT the Api pricing (Standard + sub-plan), then read it back: the returned plan is what Azure now says. */
  setDefenderPlan(subscriptionId: string, planId: PlanId, signal?: AbortSignal): Promise<DefenderPlan>;
}

/** Shows an approval's new state where people see it (the Teams layer updates the card in place). */
export interface ApprovalNotifier {
  approvalChanged(approval: Approval): Promise<void>;
}
