/**
 * Defender for APIs plans (reference/azure-defender-for-apis.md §1.1, list prices in USD).
 * Money is kept in integer micro-dollars (µ$, 1 USD = 1,000,000 µ$) so that break-even ties are exact:
 * the overage prices ($0.0002 … $0.00005 per call) are whole numbers of µ$.
 */
export type PlanId = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';

export interface Plan {
  id: PlanId;
  /** "Plan 1" … "Plan 5", as the portal names them. */
  name: string;
  /** API calls included per calendar month. */
  entitlement: number;
  /** Monthly fee in µ$. */
  feeMicroUsd: number;
  /** Price of each call above the entitlement, in µ$. */
  overagePerCallMicroUsd: number;
}

export const MICRO_USD_PER_USD = 1_000_000;

export const PLANS: readonly Plan[] = [
  {
    id: 'P1',
    name: 'Plan 1',
    entitlement: 1_000_000,
    feeMicroUsd: 200 * MICRO_USD_PER_USD,
    overagePerCallMicroUsd: 200,
  },
  {
    id: 'P2',
    name: 'Plan 2',
    entitlement: 5_000_000,
    feeMicroUsd: 700 * MICRO_USD_PER_USD,
    overagePerCallMicroUsd: 140,
  },
  {
    id: 'P3',
    name: 'Plan 3',
    entitlement: 50_000_000,
    feeMicroUsd: 5_000 * MICRO_USD_PER_USD,
    overagePerCallMicroUsd: 100,
  },
  {
    id: 'P4',
    name: 'Plan 4',
    entitlement: 100_000_000,
    feeMicroUsd: 7_000 * MICRO_USD_PER_USD,
    overagePerCallMicroUsd: 70,
  },
  {
    id: 'P5',
    name: 'Plan 5',
    entitlement: 1_000_000_000,
    feeMicroUsd: 50_000 * MICRO_USD_PER_USD,
    overagePerCallMicroUsd: 50,
  },
];

export function planById(id: PlanId): Plan {
  const plan = PLANS.find((p) => p.id === id);
  if (!plan) throw new Error(`unknown plan ${id}`);
  return plan;
}

/** Accepts "P3", "p3", "Plan 3", "plan3", "3". */
export function parsePlanId(text: string): PlanId | undefined {
  const match = /^(?:p|plan\s*)?([1-5])$/i.exec(text.trim());
  return match ? (`P${match[1]}` as PlanId) : undefined;
}

export interface PlanCost {
  plan: Plan;
  /** Calls above the entitlement (whole calls). */
  overageCalls: number;
  overageMicroUsd: number;
  totalMicroUsd: number;
}

/** cost = fee + max(0, calls − entitlement) × overage per call. Fractional call counts are rounded first. */
export function costOf(plan: Plan, calls: number): PlanCost {
  const wholeCalls = Math.max(0, Math.round(calls));
  const overageCalls = Math.max(0, wholeCalls - plan.entitlement);
  const overageMicroUsd = overageCalls * plan.overagePerCallMicroUsd;
  return { plan, overageCalls, overageMicroUsd, totalMicroUsd: plan.feeMicroUsd + overageMicroUsd };
}

export interface PlanComparison {
  calls: number;
  costs: readonly PlanCost[];
  /** The cheapest plan; on a tie the lower plan wins. */
  cheapest: PlanCost;
}

export function comparePlans(calls: number): PlanComparison {
  const costs = PLANS.map((plan) => costOf(plan, calls));
  // Plans are in ascending order, so keeping the first minimum gives ties to the lower plan.
  const cheapest = costs.reduce((best, c) => (c.totalMicroUsd < best.totalMicroUsd ? c : best));
  return { calls, costs, cheapest };
}
