/**
 * Microsoft.Security/apiCollections (reference §2.5): lists by subscription, resource group and APIM service, and per
 * API get, onboard (PUT, a long-running operation in 2023-11-15) and offboard (DELETE). Onboarding is persisted.
 */
import { ArmError, resourceGroupNotFound, resourceNotFound } from '../arm-errors';
import { API_COLLECTIONS_TYPE, collectionBody, collectionId, STABLE_API_VERSION } from '../api-collection-body';
import type { ArmRequest, ArmResponse, Route, SandboxContext } from '../context';
import { type ApiTarget, isOnboarded, onboardingRefusal, setOnboarded } from '../onboarding-model';
import {
  endOperation,
  isRunning,
  POLL_RETRY_AFTER_SECONDS,
  pollOperation,
  startOperation,
} from '../onboarding-operations';
import { pageOf } from '../paging';
import { APIM_TYPE, requireServiceOf, requireSubscription, servicesOf, type ServiceRef } from '../tenant';

const API_VERSIONS = [STABLE_API_VERSION, '2022-11-20-preview'];
const PROVIDER = `providers/${API_COLLECTIONS_TYPE}`;
const SERVICE = `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/${APIM_TYPE}/{serviceName}`;

const param = (req: ArmRequest, name: string): string => req.params[name] ?? '';
const versionOf = (req: ArmRequest): string => req.query.get('api-version') ?? STABLE_API_VERSION;

function onboardedIn(ctx: SandboxContext, refs: readonly ServiceRef[]): ApiTarget[] {
  return refs.flatMap((ref) =>
    (ref.service.apis ?? []).map((api) => ({ ref, api })).filter((target) => isOnboarded(ctx, target)),
  );
}

function listAnswer(req: ArmRequest, ctx: SandboxContext, refs: readonly ServiceRef[]): ArmResponse {
  const bodies = onboardedIn(ctx, refs).map((target) =>
    collectionBody(target, versionOf(req), isRunning(ctx, collectionId(target)) ? 'InProgress' : 'Succeeded'),
  );
  return { body: pageOf(bodies, req, ctx) };
}

/** The API named in the path, or 404 for an unknown subscription, group, service or API (like ARM). */
function requireApi(req: ArmRequest, ctx: SandboxContext): ApiTarget {
  const ref = requireServiceOf(req, ctx);
  const wanted = param(req, 'apiId').toLowerCase();
  const api = (ref.service.apis ?? []).find((a) => a.name.toLowerCase() === wanted);
  if (api === undefined) throw resourceNotFound(`${APIM_TYPE}/apis`, `${ref.service.name}/${param(req, 'apiId')}`);
  return { ref, api };
}

/** ARM's LRO headers: poll this absolute URL (the collection itself, tagged with the operation), after Retry-After s. */
function runningHeaders(req: ArmRequest, ctx: SandboxContext, operationId: string): Record<string, string> {
  return {
    location: `${ctx.publicUrl}${req.pathname}?api-version=${STABLE_API_VERSION}&op=${encodeURIComponent(operationId)}`,
    'retry-after': String(POLL_RETRY_AFTER_SECONDS),
  };
}

function getCollection(req: ArmRequest, ctx: SandboxContext): ArmResponse {
  const target = requireApi(req, ctx);
  const id = collectionId(target);
  if (!isOnboarded(ctx, target)) throw resourceNotFound(API_COLLECTIONS_TYPE, target.api.name);
  const running = pollOperation(ctx, id);
  const operationId = req.query.get('op');
  // A poll of the Location URL answers 202 while running (or, with onboardingPollShape "200-in-progress", 200 with
  // the InProgress resource); a plain GET shows the resource as InProgress.
  if (running && operationId !== undefined && ctx.scenario.onboardingPollShape !== '200-in-progress') {
    return { status: 202, body: {}, headers: runningHeaders(req, ctx, operationId) };
  }
  return { body: collectionBody(target, versionOf(req), running ? 'InProgress' : 'Succeeded') };
}

async function onboard(req: ArmRequest, ctx: SandboxContext): Promise<ArmResponse> {
  const target = requireApi(req, ctx);
  const version = versionOf(req);
  if (isOnboarded(ctx, target)) return { body: collectionBody(target, version, 'Succeeded') };
  const refusal = onboardingRefusal(ctx, target);
  if (refusal !== undefined) throw new ArmError(400, 'ApiCollectionNotSupported', refusal);
  await setOnboarded(ctx, target, true);
  // The preview api-version onboarded synchronously.
  if (version.toLowerCase() !== STABLE_API_VERSION) return { body: collectionBody(target, version, 'Succeeded') };
  const operationId = startOperation(ctx, collectionId(target));
  // As Microsoft's example (ApiCollections_OnboardAzureApiManagementApi): 201, Location, an InProgress body.
  return {
    status: 201,
    body: {
      id: collectionId(target),
      name: target.api.name,
      type: API_COLLECTIONS_TYPE,
      properties: { provisioningState: 'InProgress' },
    },
    headers: runningHeaders(req, ctx, operationId),
  };
}

async function offboard(req: ArmRequest, ctx: SandboxContext): Promise<ArmResponse> {
  const target = requireApi(req, ctx);
  endOperation(ctx, collectionId(target));
  // 200 with {} either way (the spec's example); a 204 would need a body-less answer the sandbox server never sends.
  if (isOnboarded(ctx, target)) await setOnboarded(ctx, target, false);
  return { body: {} };
}

export const apiCollectionRoutes: Route[] = [
  {
    method: 'GET',
    pattern: `/subscriptions/{subscriptionId}/${PROVIDER}`,
    apiVersions: API_VERSIONS,
    handle: (req, ctx) => listAnswer(req, ctx, servicesOf(requireSubscription(ctx, param(req, 'subscriptionId')))),
  },
  {
    method: 'GET',
    pattern: `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/${PROVIDER}`,
    apiVersions: API_VERSIONS,
    handle: (req, ctx) => {
      const refs = servicesOf(requireSubscription(ctx, param(req, 'subscriptionId')), param(req, 'resourceGroup'));
      // The sandbox knows a resource group only through the services in it.
      if (refs.length === 0) throw resourceGroupNotFound(param(req, 'resourceGroup'));
      return listAnswer(req, ctx, refs);
    },
  },
  {
    method: 'GET',
    pattern: `${SERVICE}/${PROVIDER}`,
    apiVersions: API_VERSIONS,
    handle: (req, ctx) => {
      const ref = requireServiceOf(req, ctx);
      return listAnswer(req, ctx, [ref]);
    },
  },
  { method: 'GET', pattern: `${SERVICE}/${PROVIDER}/{apiId}`, apiVersions: API_VERSIONS, handle: getCollection },
  { method: 'PUT', pattern: `${SERVICE}/${PROVIDER}/{apiId}`, apiVersions: API_VERSIONS, handle: onboard },
  { method: 'DELETE', pattern: `${SERVICE}/${PROVIDER}/{apiId}`, apiVersions: API_VERSIONS, handle: offboard },
];
