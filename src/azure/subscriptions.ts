import { getClient, type Client } from '@azure-rest/core-client';
import type { Subscription } from '../domain/azure-types';
import { commonClientOptions, type AzureConnection } from './connection';
import { failureOf } from './errors';
import { fetchAllPages, type ArmPage } from './paging';

const API_VERSION = '2022-12-01';

interface SubscriptionWire {
  subscriptionId: string;
  displayName: string;
  state?: string;
}

/** GET /subscriptions through @azure-rest/core-client (no dedicated SDK in our stack). Only Enabled ones are kept. */
export class SubscriptionsApi {
  private readonly client: Client;

  constructor(connection: AzureConnection) {
    this.client = getClient(connection.armEndpoint, connection.credential, commonClientOptions(connection));
  }

  async list(signal?: AbortSignal): Promise<Subscription[]> {
    try {
      const items = await fetchAllPages<SubscriptionWire>(
        this.client,
        `/subscriptions?api-version=${API_VERSION}`,
        signal,
      );
      return items
        .filter((s) => (s.state ?? 'Enabled') === 'Enabled')
        .map((s) => ({ id: s.subscriptionId, name: s.displayName }));
    } catch (error) {
      throw failureOf(error, 'list the Azure subscriptions', undefined, signal);
    }
  }
}

export type { ArmPage };
