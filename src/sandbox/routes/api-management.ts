/** Microsoft.ApiManagement: services (by subscription, by resource group, single) and the APIs of a service. */
import { createHash } from 'node:crypto';
import type { ArmRequest, Route } from '../context';
import { pageOf } from '../paging';
import { regionDisplayName } from '../regions';
import type { ScenarioApi } from '../scenario';
import { APIM_TYPE, requireServiceOf, requireSubscription, servicesOf, type ServiceRef } from '../tenant';
import { resourceGroupNotFound } from '../arm-errors';

const API_VERSIONS = ['2024-05-01', '2023-05-01-preview', '2022-08-01', '2021-08-01'];
const SERVICE_PATH =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.ApiManagement/service';

function param(req: ArmRequest, name: string): string {
  return req.params[name] ?? '';
}

/** A stable etag per resource id, in the 8-byte base64 form APIM uses ("AAAAAAAWN/4="). */
function etagOf(id: string): string {
  return createHash('sha256').update(id).digest().subarray(0, 8).toString('base64');
}

export function serviceBody({ subscription, service, id }: ServiceRef) {
  const consumption = service.sku === 'Consumption';
  const host = `${service.name}.azure-api.net`;
  return {
    id,
    name: service.name,
    type: APIM_TYPE,
    location: regionDisplayName(service.location),
    etag: etagOf(id),
    tags: {},
    // Consumption has no units; the sandbox gives every other tier one unit.
    sku: { name: service.sku, capacity: consumption ? 0 : 1 },
    properties: {
      provisioningState: 'Succeeded',
      targetProvisioningState: '',
      gatewayUrl: `https://${host}`,
      ...(consumption
        ? {}
        : { gatewayRegionalUrl: `https://${service.name}-${service.location}-01.regional.azure-api.net` }),
      ...(consumption ? {} : { portalUrl: `https://${service.name}.portal.azure-api.net` }),
      managementApiUrl: `https://${service.name}.management.azure-api.net`,
      publisherEmail: `apim-admin@${service.name}.example.com`,
      publisherName: subscription.displayName,
      platformVersion: 'stv2',
      virtualNetworkType: 'None',
      publicNetworkAccess: 'Enabled',
    },
  };
}

function apiBody(ref: ServiceRef, api: ScenarioApi) {
  return {
    id: `${ref.id}/apis/${api.name}`,
    type: `${APIM_TYPE}/apis`,
    name: api.name,
    properties: {
      displayName: api.displayName,
      apiRevision: '1',
      description: '',
      path: api.path,
      protocols: ['https'],
      serviceUrl: `https://backend.${ref.service.name}.example.com/${api.path}`,
      isCurrent: true,
      isOnline: true,
      type: 'http',
      subscriptionRequired: true,
    },
  };
}

export const apiManagementRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/subscriptions/{subscriptionId}/providers/Microsoft.ApiManagement/service',
    apiVersions: API_VERSIONS,
    handle: (req, ctx) => {
      const subscription = requireSubscription(ctx, param(req, 'subscriptionId'));
      return { body: pageOf(servicesOf(subscription).map(serviceBody), req, ctx) };
    },
  },
  {
    method: 'GET',
    pattern: SERVICE_PATH,
    apiVersions: API_VERSIONS,
    handle: (req, ctx) => {
      const subscription = requireSubscription(ctx, param(req, 'subscriptionId'));
      const rg = param(req, 'resourceGroup');
      const services = servicesOf(subscription, rg);
      // The sandbox knows a resource group only through the services in it.
      if (services.length === 0) throw resourceGroupNotFound(rg);
      return { body: pageOf(services.map(serviceBody), req, ctx) };
    },
  },
  {
    method: 'GET',
    pattern: `${SERVICE_PATH}/{serviceName}`,
    apiVersions: API_VERSIONS,
    handle: (req, ctx) => ({
      body: serviceBody(requireServiceOf(req, ctx)),
    }),
  },
  {
    method: 'GET',
    pattern: `${SERVICE_PATH}/{serviceName}/apis`,
    apiVersions: API_VERSIONS,
    // $filter (e.g. "isCurrent eq true") is accepted and ignored: every sandbox API is its current revision.
    handle: (req, ctx) => {
      const ref = requireServiceOf(req, ctx);
      const apis = (ref.service.apis ?? []).map((api) => apiBody(ref, api));
      return { body: pageOf(apis, req, ctx) };
    },
  },
];
