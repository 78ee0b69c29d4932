import type { Clock } from '../clock';
import type { DefenderPlan, Subscription, TimeWindow } from '../domain/azure-types';
import { comparePlans, costOf, planById, type Plan, type PlanCost } from '../domain/plans';
import { monthToDate } from '../domain/time-windows';
import { monthUsage, type MonthUsage } from '../domain/usage';
import type { AzureReader } from './ports';

/** Counts of the onboarding recommendation; undefined on a status when it could not be read. */
export interface OnboardingCoverage {
  onboarded: number;
  notOnboarded: number;
  notApplicable: number;
}

export interface SubscriptionStatus {
  subscription: Subscription;
  /** The clock's now when the usage was read. */
  at: Date;
  /** First instant of the UTC month → now. */
  window: TimeWindow;
  /** Undefined when the plan could not be read (the bot lacks Security Reader). */
  plan?: DefenderPlan;
  /** The plan whose entitlement applies: the current one, or Plan 1 (Azure's default when enabled) if Free/unknown. */
  entitlementPlan: Plan;
  serviceCount: number;
  /** Services whose `Requests` could not be read: their traffic is missing from the usage. */
  failures: { serviceName: string; reason: string }[];
  /** False when any service could not be read or the service list stopped early. */
  complete: boolean;
  /** Set when listing the services stopped at a bound: which one. */
  stoppedEarly?: string;
  usage: MonthUsage;
  /** The projected month on the plan that applies. */
  projectedCost: PlanCost;
  /** The cheapest plan for the projected month (ties go to the lower plan). */
  cheapest: PlanCost;
  onboarding?: OnboardingCoverage;
}

/**
 * Month-to-date `Requests` of a subscription against its Defender for APIs plan, projected to month end. Reads
 * the traffic the way the estimate does (one metrics:getBatch per region), over the month so far.
 */
export class StatusService {
  constructor(
    private readonly azure: AzureReader,
    private readonly clock: Clock,
  ) {}

  async status(subscription: Subscription, signal?: AbortSignal): Promise<SubscriptionStatus> {
    const at = this.clock();
    const window = monthToDate(at);
    const [services, plan] = await Promise.all([
      this.azure.listApimServices(subscription.id, signal),
      // Not being allowed to read the plan must not hide the traffic: compare with Plan 1 then.
      this.azure.getDefenderPlan(subscription.id, signal).catch(() => undefined),
    ]);
    const totals = await this.azure.requestTotals(services, window, signal);
    const monthToDateTotal = [...totals.byServiceId.values()].reduce((sum, n) => sum + n, 0);
    const failures = services
      .filter((s) => totals.failures.has(s.id))
      .map((s) => ({ serviceName: s.name, reason: totals.failures.get(s.id) ?? 'unknown error' }));
    const usage = monthUsage(monthToDateTotal, at);
    const entitlementPlan = planById(plan?.tier === 'Standard' ? (plan.planId ?? 'P1') : 'P1');
    return {
      subscription,
      at,
      window,
      plan,
      entitlementPlan,
      serviceCount: services.length,
      failures,
      complete: failures.length === 0 && services.stoppedEarly === undefined,
      ...(services.stoppedEarly === undefined ? {} : { stoppedEarly: services.stoppedEarly }),
      usage,
      projectedCost: costOf(entitlementPlan, usage.projected),
      cheapest: comparePlans(usage.projected).cheapest,
    };
  }
}
