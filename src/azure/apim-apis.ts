import { ApiManagementClient } from '@azure/arm-apimanagement';
import { boundedList, type ApimService, type BoundedList } from '../domain/azure-types';
import type { ApiRef } from '../domain/onboarding-types';
import { collectionApiId } from './api-collection-wire';
import { commonClientOptions, type AzureConnection } from './connection';
import { failureOf } from './errors';
import { parseResourceId } from './resource-ids';

/** Upper bound on APIs read per service (APIM's own limit is far lower); it only stops a runaway pager. */
export const MAX_APIS_PER_SERVICE = 10_000;

/** The ApiRef of one API of a service. */
export function apiRefOf(service: ApimService, apiName: string, displayName: string, path: string): ApiRef {
  return {
    serviceId: service.id,
    serviceName: service.name,
    resourceGroup: service.resourceGroup,
    region: service.region,
    sku: service.sku,
    apiName: collectionApiId(apiName),
    displayName,
    path,
  };
}

/** The APIs of an API Management service through @azure/arm-apimanagement (api-version 2024-05-01). */
export class ApimApisApi {
  constructor(private readonly connection: AzureConnection) {}

  /** Current revisions only: onboarding is per API and covers all of its revisions (reference §1.7). */
  async listApis(service: ApimService, signal?: AbortSignal): Promise<BoundedList<ApiRef>> {
    const client = new ApiManagementClient(
      this.connection.credential,
      parseResourceId(service.id).subscriptionId,
      commonClientOptions(this.connection),
    );
    const apis: ApiRef[] = [];
    let stoppedEarly: string | undefined;
    try {
      for await (const api of client.api.listByService(service.resourceGroup, service.name, { abortSignal: signal })) {
        if (!api.name || api.isCurrent === false) continue;
        if (apis.length >= MAX_APIS_PER_SERVICE) {
          stoppedEarly = `the first ${MAX_APIS_PER_SERVICE.toLocaleString('en-US')} APIs of '${service.name}'`;
          break;
        }
        apis.push(apiRefOf(service, api.name, api.displayName ?? api.name, api.path ?? ''));
      }
    } catch (error) {
      throw failureOf(error, `list the APIs of the API Management service '${service.name}'`, undefined, signal);
    }
    return boundedList(apis, stoppedEarly);
  }
}
