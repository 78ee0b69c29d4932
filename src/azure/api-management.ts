import { ApiManagementClient } from '@azure/arm-apimanagement';
import { boundedList, type ApimService, type BoundedList } from '../domain/azure-types';
import { commonClientOptions, type AzureConnection } from './connection';
import { failureOf } from './errors';
import { apimServiceOf } from './resource-ids';

/** Upper bound on services read per subscription; far above real tenants, it only stops a runaway pager. */
export const MAX_SERVICES = 5_000;

/** Azure API Management reads through @azure/arm-apimanagement (api-version 2024-05-01). */
export class ApiManagementApi {
  constructor(
    private readonly connection: AzureConnection,
    /** Tests lower it to see the bound reported. */
    private readonly maxServices = MAX_SERVICES,
  ) {}

  private client(subscriptionId: string): ApiManagementClient {
    return new ApiManagementClient(this.connection.credential, subscriptionId, commonClientOptions(this.connection));
  }

  async listServices(subscriptionId: string, signal?: AbortSignal): Promise<BoundedList<ApimService>> {
    const services: ApimService[] = [];
    let stoppedEarly: string | undefined;
    try {
      for await (const s of this.client(subscriptionId).apiManagementService.list({ abortSignal: signal })) {
        const service = apimServiceOf(s);
        if (!service) continue;
        // One more service than the bound allows: the list is cut here, and the answer says so.
        if (services.length >= this.maxServices) {
          stoppedEarly = `the first ${this.maxServices.toLocaleString('en-US')} API Management services`;
          break;
        }
        services.push(service);
      }
    } catch (error) {
      throw failureOf(error, 'list the API Management services', undefined, signal);
    }
    return boundedList(services, stoppedEarly);
  }
}
