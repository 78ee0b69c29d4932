/** Validation of a parsed scenario file (interfaces.md §3); each problem reads "<path>: <what is wrong>". */
import { API_SUB_PLANS, APIM_SKUS, PRICING_TIERS, RECOMMENDATION_STATUSES } from './scenario';
import { checkGraph } from './scenario-validation-graph';
import { checkInsights } from './scenario-validation-insights';
import { childPath, describe, isJsonObject, Problems } from './validation';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** APIM service names become host names ({name}.azure-api.net): 1-50 letters, digits and inner hyphens. */
const SERVICE_NAME = /^[a-zA-Z](?:[a-zA-Z0-9-]{0,48}[a-zA-Z0-9])?$/;
const RESOURCE_GROUP = /^[-\w.()]{0,89}[-\w()]$/;
const REGION = /^[a-z][a-z0-9]*$/;
/** APIM API ids may not contain * # & + : < > ? (Microsoft.Security/apiCollections apiId pattern). */
const API_NAME = /^[^*#&+:<>?/]{1,256}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const HTTP_METHOD = /^[A-Za-z]+$/;

const TOP_KEYS = [
  'now',
  'latencyMs',
  'pageSize',
  'onboardingRunningPolls',
  'onboardingPollShape',
  'armThrottling',
  'subscriptions',
  'faults',
  'graph',
];
const POLL_SHAPES = ['202', '200-in-progress'] as const;
const SUBSCRIPTION_KEYS = ['subscriptionId', 'displayName', 'defenderForApis', 'apiManagementServices'];
const SERVICE_KEYS = ['name', 'resourceGroup', 'location', 'sku', 'dailyRequests', 'apis'];
const API_KEYS = ['name', 'displayName', 'path', 'onboarded', 'recommendation', 'insights', 'dailyRequests'];
const FAULT_KEYS = ['method', 'pathRegex', 'status', 'hang', 'retryAfterSeconds', 'count', 'code', 'message'];

export function validateScenario(json: unknown): string[] {
  const p = new Problems();
  const top = p.object(json, '', TOP_KEYS);
  if (top === undefined) return p.list;
  const now = p.string(
    top,
    'now',
    '',
    false,
    ISO_INSTANT,
    'an ISO 8601 instant with a zone, like "2026-11-20T12:00:00Z"',
  );
  if (now !== undefined && Number.isNaN(Date.parse(now))) p.add('now', `is not a real date, got ${describe(now)}`);
  p.number(top, 'latencyMs', '', { min: 0, max: 60_000 });
  p.number(top, 'pageSize', '', { min: 1, max: 1000, integer: true });
  p.number(top, 'onboardingRunningPolls', '', { min: 0, max: 100, integer: true });
  p.oneOf(top, 'onboardingPollShape', '', POLL_SHAPES, false);
  p.boolean(top, 'armThrottling', '');

  const subscriptions = p.array(top, 'subscriptions', '', true);
  if (subscriptions !== undefined && subscriptions.length === 0) p.add('subscriptions', 'must list at least one');
  const seenSubscriptions = new Set<string>();
  const seenServices = new Set<string>();
  subscriptions?.forEach((item, i) => {
    const path = childPath('subscriptions', i);
    const id = checkSubscription(p, item, path, seenServices);
    if (id === undefined) return;
    if (seenSubscriptions.has(id.toLowerCase())) p.add(childPath(path, 'subscriptionId'), `repeats ${id}`);
    seenSubscriptions.add(id.toLowerCase());
  });

  p.array(top, 'faults', '', false)?.forEach((item, i) => checkFault(p, item, childPath('faults', i)));
  checkGraph(p, top.graph);
  return p.list;
}

function checkSubscription(p: Problems, item: unknown, path: string, seenServices: Set<string>): string | undefined {
  const sub = p.object(item, path, SUBSCRIPTION_KEYS);
  if (sub === undefined) return undefined;
  const id = p.string(sub, 'subscriptionId', path, true, GUID, 'a GUID like "11111111-1111-1111-1111-111111111111"');
  p.string(sub, 'displayName', path, true, /\S/, 'a non-empty string');
  if (sub.defenderForApis !== undefined) {
    const planPath = childPath(path, 'defenderForApis');
    const plan = p.object(sub.defenderForApis, planPath, ['pricingTier', 'subPlan']);
    if (plan !== undefined) {
      const tier = p.oneOf(plan, 'pricingTier', planPath, PRICING_TIERS, true);
      p.oneOf(plan, 'subPlan', planPath, API_SUB_PLANS, false);
      if (tier === 'Free' && plan.subPlan !== undefined) {
        p.add(childPath(planPath, 'subPlan'), 'is only allowed with pricingTier "Standard"');
      }
    }
  }
  p.array(sub, 'apiManagementServices', path, false)?.forEach((service, i) => {
    const servicePath = childPath(childPath(path, 'apiManagementServices'), i);
    const name = checkService(p, service, servicePath);
    if (name === undefined) return;
    // Names are global in Azure (they are the gateway host name), so they must be unique across the whole file.
    if (seenServices.has(name.toLowerCase())) p.add(childPath(servicePath, 'name'), `repeats ${describe(name)}`);
    seenServices.add(name.toLowerCase());
  });
  return id;
}

function checkService(p: Problems, item: unknown, path: string): string | undefined {
  const service = p.object(item, path, SERVICE_KEYS);
  if (service === undefined) return undefined;
  const nameHint = 'an APIM service name (1-50 letters, digits or hyphens, starting with a letter)';
  const name = p.string(service, 'name', path, true, SERVICE_NAME, nameHint);
  p.string(service, 'resourceGroup', path, true, RESOURCE_GROUP, 'a resource group name (1-90 letters, digits, -_.())');
  p.string(service, 'location', path, true, REGION, 'an ARM region name in lower case, like "eastus"');
  p.oneOf(service, 'sku', path, APIM_SKUS, true);
  checkDailyRequests(p, service.dailyRequests, childPath(path, 'dailyRequests'));
  const seenApis = new Set<string>();
  const apis = p.array(service, 'apis', path, false);
  if (service.dailyRequests !== undefined && apis?.some((api) => isJsonObject(api) && api.dailyRequests !== undefined))
    p.add(childPath(path, 'dailyRequests'), "must be left out when the service's APIs give their own dailyRequests");
  apis?.forEach((api, i) => {
    const apiPath = childPath(childPath(path, 'apis'), i);
    const apiName = checkApi(p, api, apiPath);
    if (apiName === undefined) return;
    if (seenApis.has(apiName.toLowerCase())) p.add(childPath(apiPath, 'name'), `repeats ${describe(apiName)}`);
    seenApis.add(apiName.toLowerCase());
  });
  return name;
}

function checkDailyRequests(p: Problems, value: unknown, path: string): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((count, i) => {
      if (typeof count !== 'number' || !Number.isFinite(count) || count < 0) {
        p.add(childPath(path, i), `must be a number of requests >= 0, got ${describe(count)}`);
      }
    });
    return;
  }
  if (isJsonObject(value)) {
    const perDay = p.object(value, path, ['perDay']);
    if (perDay !== undefined && perDay.perDay === undefined) p.add(childPath(path, 'perDay'), 'is required');
    if (perDay !== undefined) p.number(perDay, 'perDay', path, { min: 0 });
    return;
  }
  p.add(path, `must be an array of daily counts or { "perDay": N }, got ${describe(value)}`);
}

function checkApi(p: Problems, item: unknown, path: string): string | undefined {
  const api = p.object(item, path, API_KEYS);
  if (api === undefined) return undefined;
  const name = p.string(api, 'name', path, true, API_NAME, 'an API id without * # & + : < > ? /');
  p.string(api, 'displayName', path, true, /\S/, 'a non-empty string');
  p.string(api, 'path', path, true);
  p.boolean(api, 'onboarded', path);
  p.oneOf(api, 'recommendation', path, RECOMMENDATION_STATUSES, false);
  checkInsights(p, api.insights, childPath(path, 'insights'));
  checkDailyRequests(p, api.dailyRequests, childPath(path, 'dailyRequests'));
  return name;
}

function checkFault(p: Problems, item: unknown, path: string): void {
  const fault = p.object(item, path, FAULT_KEYS);
  if (fault === undefined) return;
  p.string(fault, 'method', path, false, HTTP_METHOD, 'an HTTP method like "GET"');
  const regex = p.string(fault, 'pathRegex', path, true);
  if (regex !== undefined) {
    try {
      new RegExp(regex);
    } catch (err) {
      p.add(childPath(path, 'pathRegex'), `is not a valid regular expression: ${(err as Error).message}`);
    }
  }
  p.boolean(fault, 'hang', path);
  if (fault.status === undefined && fault.hang !== true)
    p.add(childPath(path, 'status'), 'is required unless "hang" is true');
  p.number(fault, 'status', path, { min: 400, max: 599, integer: true });
  p.number(fault, 'retryAfterSeconds', path, { min: 0, max: 3600, integer: true });
  p.number(fault, 'count', path, { min: 1, integer: true });
  p.string(fault, 'code', path, false, /^\S+$/, 'an error code without spaces');
  p.string(fault, 'message', path, false);
}
