/** Finding subscriptions and API Management services of the scenario by the ids ARM clients send. */
import { resourceGroupNotFound, resourceNotFound, subscriptionNotFound } from './arm-errors';
import type { ArmRequest, SandboxContext } from './context';
import type { ScenarioService, ScenarioSubscription } from './scenario';

export const APIM_TYPE = 'Microsoft.ApiManagement/service';

export interface ServiceRef {
  subscription: ScenarioSubscription;
  service: ScenarioService;
  /** Canonical ARM id: /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ApiManagement/service/{name}. */
  id: string;
}

export function serviceId(subscription: ScenarioSubscription, service: ScenarioService): string {
  return `/subscriptions/${subscription.subscriptionId}/resourceGroups/${service.resourceGroup}/providers/${APIM_TYPE}/${service.name}`;
}

/** The scenario's subscriptions by lower-case id (looked up for every resource id of every batch). */
const subscriptionIndex = new WeakMap<SandboxContext['scenario'], Map<string, ScenarioSubscription>>();

export function findSubscription(ctx: SandboxContext, subscriptionId: string): ScenarioSubscription | undefined {
  let index = subscriptionIndex.get(ctx.scenario);
  if (index === undefined) {
    index = new Map();
    // The first of two with the same id wins, as a search in order would find it.
    for (const s of ctx.scenario.subscriptions)
      if (!index.has(s.subscriptionId.toLowerCase())) index.set(s.subscriptionId.toLowerCase(), s);
    subscriptionIndex.set(ctx.scenario, index);
  }
  return index.get(subscriptionId.toLowerCase());
}

/** The subscription, or a 404 SubscriptionNotFound. */
export function requireSubscription(ctx: SandboxContext, subscriptionId: string): ScenarioSubscription {
  const subscription = findSubscription(ctx, subscriptionId);
  if (subscription === undefined) throw subscriptionNotFound(subscriptionId);
  return subscription;
}

export function servicesOf(subscription: ScenarioSubscription, resourceGroup?: string): ServiceRef[] {
  const rg = resourceGroup?.toLowerCase();
  return (subscription.apiManagementServices ?? [])
    .filter((service) => rg === undefined || service.resourceGroup.toLowerCase() === rg)
    .map((service) => ({ subscription, service, id: serviceId(subscription, service) }));
}

/** The service named by a route's {subscriptionId}, {resourceGroup} and {serviceName}, or the ARM 404 (below). */
export function requireServiceOf(req: ArmRequest, ctx: SandboxContext): ServiceRef {
  const p = (name: string): string => req.params[name] ?? '';
  return requireService(ctx, p('subscriptionId'), p('resourceGroup'), p('serviceName'));
}

/** The service, or 404 SubscriptionNotFound / ResourceGroupNotFound / ResourceNotFound, like ARM. */
export function requireService(ctx: SandboxContext, subscriptionId: string, rg: string, name: string): ServiceRef {
  const subscription = requireSubscription(ctx, subscriptionId);
  const inGroup = servicesOf(subscription, rg);
  if (inGroup.length === 0) throw resourceGroupNotFound(rg);
  const found = inGroup.find((ref) => ref.service.name.toLowerCase() === name.toLowerCase());
  if (found === undefined) throw resourceNotFound(APIM_TYPE, name, rg);
  return found;
}

export interface ParsedResourceId {
  subscriptionId: string;
  resourceGroup: string;
  /** "Namespace/type", as written in the id. */
  type: string;
  name: string;
}

/** Parses /subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name} (no child resources). */
export function parseResourceId(id: string): ParsedResourceId | undefined {
  const m = /^\/*subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+\/[^/]+)\/([^/]+)\/?$/i.exec(id);
  if (m === null) return undefined;
  const [, subscriptionId = '', resourceGroup = '', type = '', name = ''] = m;
  return { subscriptionId, resourceGroup, type, name };
}

/** Services of a subscription by "resourcegroup/name" (lower case); the scenario's services never change. */
const serviceIndex = new WeakMap<ScenarioSubscription, Map<string, ServiceRef>>();

function indexOf(subscription: ScenarioSubscription): Map<string, ServiceRef> {
  let index = serviceIndex.get(subscription);
  if (index === undefined) {
    index = new Map(
      servicesOf(subscription).map((ref) => [`${ref.service.resourceGroup}/${ref.service.name}`.toLowerCase(), ref]),
    );
    serviceIndex.set(subscription, index);
  }
  return index;
}

/** An APIM service by its ARM id, or undefined when the id names nothing in the scenario. */
export function findServiceById(ctx: SandboxContext, id: string): ServiceRef | undefined {
  const parsed = parseResourceId(id);
  if (parsed === undefined || parsed.type.toLowerCase() !== APIM_TYPE.toLowerCase()) return undefined;
  const subscription = findSubscription(ctx, parsed.subscriptionId);
  if (subscription === undefined) return undefined;
  return indexOf(subscription).get(`${parsed.resourceGroup}/${parsed.name}`.toLowerCase());
}
