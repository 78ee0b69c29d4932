/**
 * Matches a request to a route the way ARM does: provider and type segments case-insensitively, an api-version
 * checked against the route's supported list, ARM error bodies for unknown routes and versions.
 */
import { ArmError } from './arm-errors';
import type { ArmRequest, ArmResponse, Route, SandboxContext } from './context';

type Token = { kind: 'literal'; text: string } | { kind: 'param'; name: string } | { kind: 'rest'; name: string };

interface CompiledRoute {
  route: Route;
  tokens: Token[];
}

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => ({ route, tokens: compile(route.pattern) }));
  }

  async dispatch(req: ArmRequest, ctx: SandboxContext): Promise<ArmResponse> {
    let pathMatched = false;
    for (const { route, tokens } of this.compiled) {
      const params = match(tokens, req.segments, 0, {});
      if (params === undefined) continue;
      pathMatched = true;
      if (route.method !== req.method) continue;
      // Microsoft Graph routes have no api-version (the version is in the path: /v1.0/…).
      if (route.apiVersions.length > 0) checkApiVersion(req.query.get('api-version'), route.apiVersions);
      const response = await route.handle({ ...req, params }, ctx);
      return { quota: route.quota ?? (route.method === 'GET' ? 'reads' : 'writes'), ...response };
    }
    if (pathMatched) {
      throw new ArmError(405, 'MethodNotAllowed', `The method '${req.method}' is not allowed on '${req.pathname}'.`);
    }
    throw new ArmError(404, 'NotFound', `No route for '${req.method} ${req.pathname}' in the Azure sandbox.`);
  }
}

function checkApiVersion(given: string | undefined, supported: readonly string[]): void {
  const list = supported.join(', ');
  if (given === undefined || given === '') {
    throw new ArmError(
      400,
      'InvalidApiVersionParameter',
      `The api-version query parameter (?api-version=) is required for all requests. Supported versions: '${list}'.`,
    );
  }
  if (!supported.some((version) => version.toLowerCase() === given.toLowerCase())) {
    throw new ArmError(
      400,
      'InvalidApiVersionParameter',
      `The api-version '${given}' is invalid. The supported versions are '${list}'.`,
    );
  }
}

function compile(pattern: string): Token[] {
  return pattern
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment): Token => {
      const placeholder = /^\{(\*?)(\w+)\}$/.exec(segment);
      if (placeholder === null) return { kind: 'literal', text: segment.toLowerCase() };
      const name = placeholder[2] ?? '';
      return placeholder[1] === '*' ? { kind: 'rest', name } : { kind: 'param', name };
    });
}

function match(
  tokens: readonly Token[],
  segments: readonly string[],
  at: number,
  params: Record<string, string>,
): Record<string, string> | undefined {
  const [token, ...rest] = tokens;
  if (token === undefined) return at === segments.length ? params : undefined;
  if (token.kind === 'rest') {
    // One or more segments, longest first; the value keeps ARM's leading slash ("/subscriptions/…").
    for (let end = segments.length; end > at; end--) {
      const value = `/${segments.slice(at, end).join('/')}`;
      const found = match(rest, segments, end, { ...params, [token.name]: value });
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const segment = segments[at];
  if (segment === undefined) return undefined;
  if (token.kind === 'literal') {
    return segment.toLowerCase() === token.text ? match(rest, segments, at + 1, params) : undefined;
  }
  return match(rest, segments, at + 1, { ...params, [token.name]: segment });
}
