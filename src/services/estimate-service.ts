import type { ApimService, DefenderPlan, Subscription, TimeWindow } from '../domain/azure-types';
import { comparePlans, costOf, planById, type PlanComparison, type PlanCost } from '../domain/plans';
import { last30CompleteDays } from '../domain/time-windows';
import type { Clock } from '../clock';
import { AppError } from '../errors/app-error';
import type { AzureReader, InventoryReader } from './ports';

export interface ServiceTraffic {
  service: ApimService;
  /** Undefined when the metrics could not be read. */
  requests?: number;
  failure?: string;
}

export interface TrafficEstimate {
  subscription: Subscription;
  window: TimeWindow;
  /** Busiest first; unreadable services last. */
  services: ServiceTraffic[];
  /** Sum over the services that could be read. */
  total: number;
  /** False when any service's metrics could not be read: the total is then a lower bound. */
  complete: boolean;
  comparison: PlanComparison;
  /** Only when the estimate is complete: an incomplete total must not drive a plan choice. */
  recommended?: PlanCost;
  /** Undefined when the plan could not be read. */
  currentPlan?: DefenderPlan;
  /** What the current plan would cost for this traffic (Standard only). */
  currentCost?: PlanCost;
}

/** Estimates a subscription's monthly Defender for APIs traffic the way Microsoft documents it: Σ APIM `Requests`. */
export class EstimateService {
  constructor(
    private readonly azure: AzureReader & InventoryReader,
    private readonly clock: Clock,
  ) {}

  async estimate(subscription: Subscription, signal?: AbortSignal): Promise<TrafficEstimate> {
    const window = last30CompleteDays(this.clock());
    const [services, currentPlan] = await Promise.all([
      this.listServices(subscription.id, signal),
      // The plan is context for the card; not being allowed to read it must not block the estimate.
      this.azure.getDefenderPlan(subscription.id, signal).catch(() => undefined),
    ]);
    const totals = await this.azure.requestTotals(services, window, signal);
    const traffic: ServiceTraffic[] = services.map((service) => ({
      service,
      requests: totals.byServiceId.get(service.id),
      failure: totals.failures.get(service.id),
    }));
    traffic.sort((a, b) => (b.requests ?? -1) - (a.requests ?? -1) || a.service.name.localeCompare(b.service.name));
    const total = traffic.reduce((sum, t) => sum + (t.requests ?? 0), 0);
    const complete = traffic.every((t) => t.requests !== undefined);
    const comparison = comparePlans(total);
    const currentCost =
      currentPlan?.tier === 'Standard' ? costOf(planById(currentPlan.planId ?? 'P1'), total) : undefined;
    return {
      subscription,
      window,
      services: traffic,
      total,
      complete,
      comparison,
      recommended: complete ? comparison.cheapest : undefined,
      currentPlan,
      currentCost,
    };
  }

  /** The subscription's services through Resource Graph (ARM where it is denied). */
  private async listServices(subscriptionId: string, signal?: AbortSignal) {
    const inventory = await this.azure.listApimServicesAcross([subscriptionId], signal);
    const failure = inventory.failures.get(subscriptionId);
    if (failure !== undefined) throw new AppError('azure_unavailable', failure);
    return inventory.bySubscription.get(subscriptionId) ?? [];
  }
}
