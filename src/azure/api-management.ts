import { ApiManagementClient } from '@azure/arm-apimanagement';
import type { ApimService } from '../domain/azure-types';
import { commonClientOptions, type AzureConnection } from './connection';
import { toAppError } from './errors';
import { apimServiceOf } from './resource-ids';

/** Upper bound on services read per subscription; far above real tenants, it only stops a runaway pager. */
export const MAX_SERVICES = 5_000;

/** Azure API Management reads through @azure/arm-apimanagement (api-version 2024-05-01). */
export class ApiManagementApi {
  constructor(private readonly connection: AzureConnection) {}

  private client(subscriptionId: string): ApiManagementClient {
    return new ApiManagementClient(this.connection.credential, subscriptionId, commonClientOptions(this.connection));
  }

  async listServices(subscriptionId: string, signal?: AbortSignal): Promise<ApimService[]> {
    const services: ApimService[] = [];
    try {
      for await (const s of this.client(subscriptionId).apiManagementService.list({ abortSignal: signal })) {
        const service = apimServiceOf(s);
        if (service) services.push(service);
        if (services.length >= MAX_SERVICES) break;
      }
    } catch (error) {
      throw toAppError(error, 'list the API Management services');
    }
    return services;
  }
}
