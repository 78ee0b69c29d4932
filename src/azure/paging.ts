import { createRestError, type Client } from '@azure-rest/core-client';
import { boundedList, type BoundedList } from '../domain/azure-types';

export interface ArmPage<T> {
  value?: T[];
  nextLink?: string | null;
}

/** Upper bound on pages followed, so a service that keeps returning nextLink cannot keep us looping. */
export const MAX_PAGES = 200;

/**
 * Follows ARM `nextLink`s (absolute URLs, used verbatim) until the last page, for REST calls we make without a
 * dedicated SDK method. Stopping at MAX_PAGES with a nextLink still to follow is reported, not hidden.
 */
export async function fetchAllPages<T>(
  client: Client,
  firstPath: string,
  signal?: AbortSignal,
  maxPages = MAX_PAGES,
): Promise<BoundedList<T>> {
  const items: T[] = [];
  let next: string | undefined = firstPath;
  for (let page = 0; next && page < maxPages; page++) {
    const response = await client.pathUnchecked(next).get({ abortSignal: signal });
    if (response.status !== '200') throw createRestError(response);
    const body = response.body as ArmPage<T>;
    items.push(...(body.value ?? []));
    next = body.nextLink || undefined;
  }
  return boundedList(items, next ? `the first ${maxPages} pages` : undefined);
}
