import type {
  ApimService,
  BoundedList,
  DefenderPlan,
  RequestTotals,
  ServiceInventory,
  Subscription,
  TimeWindow,
} from '../domain/azure-types';
import type { AzureReader, InventoryReader, OnListed, TrafficFeed, TrafficFeedReader } from '../services/ports';
import type { DefenderPlanWriter } from '../services/approval-ports';
import type { PlanId } from '../domain/plans';
import { ApiManagementApi } from './api-management';
import { ApimInventory } from './apim-inventory';
import type { AzureConnection } from './connection';
import { MetricsApi } from './metrics';
import { PricingApi } from './pricing';
import { ResourceGraphApi } from './resource-graph';
import { SubscriptionsApi } from './subscriptions';
import { ListedTrafficFeed } from './traffic-feed';

/** The services' view of Azure, made of the thin per-SDK wrappers in this folder. */
export class SdkAzureReader implements AzureReader, InventoryReader, TrafficFeedReader, DefenderPlanWriter {
  private readonly subscriptions: SubscriptionsApi;
  private readonly apim: ApiManagementApi;
  private readonly metrics: MetricsApi;
  private readonly pricing: PricingApi;
  private readonly inventory: ApimInventory;

  constructor(connection: AzureConnection, options: { metricsConcurrency: number }) {
    this.subscriptions = new SubscriptionsApi(connection);
    this.apim = new ApiManagementApi(connection);
    this.metrics = new MetricsApi(connection, options.metricsConcurrency);
    this.pricing = new PricingApi(connection);
    this.inventory = new ApimInventory(new ResourceGraphApi(connection), this.apim);
  }

  listSubscriptions(signal?: AbortSignal): Promise<Subscription[]> {
    return this.subscriptions.list(signal);
  }

  listApimServices(subscriptionId: string, signal?: AbortSignal): Promise<BoundedList<ApimService>> {
    return this.apim.listServices(subscriptionId, signal);
  }

  /** One Resource Graph query for all the subscriptions; per-subscription ARM lists where it is denied. */
  listApimServicesAcross(
    subscriptionIds: readonly string[],
    signal?: AbortSignal,
    onListed?: OnListed,
  ): Promise<ServiceInventory> {
    return this.inventory.list(subscriptionIds, signal, onListed);
  }

  /** Reads traffic in whole batches as services are listed (listApimServicesAcross's onListed → feed.add). */
  trafficFeed(window: TimeWindow, signalFor: (subscriptionId: string) => AbortSignal | undefined): TrafficFeed {
    return new ListedTrafficFeed((services, signal) => this.metrics.requestTotals(services, window, signal), signalFor);
  }

  requestTotals(services: readonly ApimService[], window: TimeWindow, signal?: AbortSignal): Promise<RequestTotals> {
    return this.metrics.requestTotals(services, window, signal);
  }

  getDefenderPlan(subscriptionId: string, signal?: AbortSignal): Promise<DefenderPlan> {
    return this.pricing.getPlan(subscriptionId, signal);
  }

  setDefenderPlan(subscriptionId: string, planId: PlanId, signal?: AbortSignal): Promise<DefenderPlan> {
    return this.pricing.setPlan(subscriptionId, planId, signal);
  }
}
