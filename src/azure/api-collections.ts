import { setTimeout as sleep } from 'node:timers/promises';
import { createRestError, getClient, type Client } from '@azure-rest/core-client';
import type { ApiCollection } from '../domain/onboarding-types';
import { AppError } from '../errors/app-error';
import { collectionApiId, toApiCollection, type ApiCollectionWire } from './api-collection-wire';
import { commonClientOptions, type AzureConnection } from './connection';
import { azureReference, failureOf, isAbort, statusOf, toAppError } from './errors';
import { isRunningState, runLocationLro } from './location-lro';
import { fetchAllPages } from './paging';
import { parseResourceId } from './resource-ids';

/** Stable api-version of Microsoft.Security/apiCollections; onboarding is a long-running operation in it. */
export const API_COLLECTIONS_VERSION = '2023-11-15';
/** Completes toAppError's "Give the bot's identity the … role there" for onboarding (reference §1.7). */
const ONBOARDING_ROLES = 'Security Admin role plus the API Management Service Contributor';
// One literal (not a concatenation), so the REST client's types can count its {placeholders}.
const COLLECTION_PATH =
  '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ApiManagement/service/{service}/providers/Microsoft.Security/apiCollections/{apiId}';
const FAILED_STATES = ['failed', 'canceled', 'cancelled'];
/** Wait between reads of a collection that is still being onboarded, ms (core-lro's default interval too). */
const DEFAULT_POLL_MS = 2000;

export interface OnboardOptions {
  abortSignal?: AbortSignal;
  /** Wait between polls in ms when Azure sends no Retry-After; default 2000. */
  pollIntervalMs?: number;
}

/**
 * Defender for APIs onboarding (Microsoft.Security/apiCollections, api-version 2023-11-15) over @azure-rest/core-client:
 * @azure/arm-security 5 has no apiCollections, so we call ARM directly and poll with @azure/core-lro (reference §3.0).
 */
export class ApiCollectionsApi {
  private readonly client: Client;

  constructor(connection: AzureConnection) {
    this.client = getClient(connection.armEndpoint, connection.credential, commonClientOptions(connection));
  }

  async listBySubscription(subscriptionId: string, signal?: AbortSignal): Promise<ApiCollection[]> {
    const path = `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.Security/apiCollections?api-version=${API_COLLECTIONS_VERSION}`;
    try {
      const items = await fetchAllPages<ApiCollectionWire>(this.client, path, signal);
      return items.flatMap((wire) => toApiCollection(wire) ?? []);
    } catch (error) {
      throw failureOf(error, 'list the APIs onboarded to Defender for APIs', 'Security Reader', signal);
    }
  }

  /** The collection of an onboarded API; undefined when the API is not onboarded. */
  async get(serviceId: string, apiId: string, signal?: AbortSignal): Promise<ApiCollection | undefined> {
    try {
      const response = await this.resource(serviceId, apiId).get({
        queryParameters: this.query(),
        abortSignal: signal,
      });
      if (response.status === '404') return undefined;
      if (response.status !== '200') throw createRestError(response);
      return toApiCollection(response.body as ApiCollectionWire);
    } catch (error) {
      throw failureOf(error, `read the Defender for APIs state of the API '${apiId}'`, 'Security Reader', signal);
    }
  }

  /**
   * The collection once Azure has settled it: one whose provisioningState is still running (InProgress, …) is read
   * again every poll interval until it is terminal, never taken as done. Undefined when the API is not onboarded.
   */
  async settled(serviceId: string, apiId: string, options: OnboardOptions = {}): Promise<ApiCollection | undefined> {
    for (;;) {
      const collection = await this.get(serviceId, apiId, options.abortSignal);
      if (collection === undefined || !isRunningState({ properties: collection })) return collection;
      await sleep(options.pollIntervalMs ?? DEFAULT_POLL_MS, undefined, { signal: options.abortSignal });
    }
  }

  /** Onboards the API and waits until Azure reports it done; an API already onboarded completes at once. */
  async onboard(serviceId: string, apiId: string, options: OnboardOptions = {}): Promise<ApiCollection> {
    const { abortSignal, pollIntervalMs } = options;
    let body: unknown;
    try {
      body = await runLocationLro(
        this.client,
        // ARM accepts an empty JSON object as the body (Microsoft's onboarding script sends "{}").
        () => this.resource(serviceId, apiId).put({ queryParameters: this.query(), body: {}, abortSignal }),
        { apiVersion: API_COLLECTIONS_VERSION, abortSignal, pollIntervalMs },
      );
    } catch (error) {
      // A stop stays an AbortError; a deadline (the runner's per-API one) becomes azure_timeout.
      if (isAbort(error))
        throw failureOf(error, `onboard the API '${apiId}' to Defender for APIs`, undefined, abortSignal);
      throw onboardingError(error, apiId);
    }
    const collection = toApiCollection(body as ApiCollectionWire);
    if (collection === undefined || FAILED_STATES.includes(collection.provisioningState.toLowerCase())) {
      throw new AppError('azure_unavailable', `Azure did not finish onboarding the API '${apiId}'. Try again later.`, {
        detail: `onboard ${serviceId} ${apiId}: final state ${collection?.provisioningState ?? 'no collection'}`,
      });
    }
    return collection;
  }

  /** Offboards the API; offboarding one that is not onboarded is not an error. */
  async offboard(serviceId: string, apiId: string, signal?: AbortSignal): Promise<void> {
    try {
      const response = await this.resource(serviceId, apiId).delete({
        queryParameters: this.query(),
        abortSignal: signal,
      });
      if (response.status !== '200' && response.status !== '204') throw createRestError(response);
    } catch (error) {
      throw failureOf(error, `offboard the API '${apiId}' from Defender for APIs`, ONBOARDING_ROLES, signal);
    }
  }

  private resource(serviceId: string, apiId: string) {
    const { subscriptionId, resourceGroup, name } = parseResourceId(serviceId);
    return this.client.pathUnchecked(COLLECTION_PATH, subscriptionId, resourceGroup, name, collectionApiId(apiId));
  }

  private query() {
    return { 'api-version': API_COLLECTIONS_VERSION };
  }
}

/** A refusal (400/409) is said in our words, with Azure's error code and request id; its message goes to the log. */
function onboardingError(error: unknown, apiId: string): AppError {
  const status = statusOf(error);
  if (status === 400 || status === 409) {
    const message = String((error as { message?: unknown } | undefined)?.message ?? '');
    return new AppError(
      'azure_bad_request',
      `I couldn't onboard the API '${apiId}' to Defender for APIs: Azure refused it${azureReference(error)}. Some tiers (e.g. Consumption) cannot be onboarded; the log has Azure's full reason.`,
      { cause: error, detail: `onboard ${apiId}: ${status} ${(error as { code?: string }).code ?? ''} ${message}` },
    );
  }
  return toAppError(error, `onboard the API '${apiId}' to Defender for APIs`, ONBOARDING_ROLES);
}
