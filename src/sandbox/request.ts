/** Turning a raw request URL into what the router needs, forgiving the way ARM is. */
import { badRequest } from './arm-errors';

export interface ParsedUrl {
  /** One leading slash, no trailing slash, still percent-encoded. */
  pathname: string;
  segments: string[];
  query: Map<string, string>;
  queryEntries: [string, string][];
}

export function parseRequestUrl(rawUrl: string): ParsedUrl {
  const questionMark = rawUrl.indexOf('?');
  const rawPath = questionMark === -1 ? rawUrl : rawUrl.slice(0, questionMark);
  const rawQuery = questionMark === -1 ? '' : rawUrl.slice(questionMark + 1);
  // A "//" path never gets here (request-checks refuses it); a trailing slash is forgiven, as ARM forgives it.
  const pathname = `/${rawPath.replace(/^\/+/, '').replace(/\/+$/, '')}`;
  const segments = pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map(decodeSegment);
  // URLSearchParams decodes keys too, so "api%2Dversion" (sent by the modular SDKs) reads as "api-version".
  const queryEntries = [...new URLSearchParams(rawQuery).entries()];
  const query = new Map<string, string>();
  for (const [key, value] of queryEntries) {
    const lower = key.toLowerCase();
    if (!query.has(lower)) query.set(lower, value);
  }
  return { pathname, segments, query, queryEntries };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`The path segment '${segment}' is not valid percent-encoding.`, 'InvalidRequestUri');
  }
}

export function bearerTokenOf(authorization: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)/i.exec(authorization ?? '');
  return m?.[1];
}
