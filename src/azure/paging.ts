import { createRestError, type Client } from '@azure-rest/core-client';

export interface ArmPage<T> {
  value?: T[];
  nextLink?: string | null;
}

/** Upper bound on pages followed, so a service that keeps returning nextLink cannot keep us looping. */
export const MAX_PAGES = 200;

/**
 * Follows ARM `nextLink`s (absolute URLs, used verbatim) until the last page, for REST calls we make without a
 * dedicated SDK method.
 */
export async function fetchAllPages<T>(client: Client, firstPath: string, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined = firstPath;
  for (let page = 0; next && page < MAX_PAGES; page++) {
    const response = await client.pathUnchecked(next).get({ abortSignal: signal });
    if (response.status !== '200') throw createRestError(response);
    const body = response.body as ArmPage<T>;
    items.push(...(body.value ?? []));
    next = body.nextLink || undefined;
  }
  return items;
}
