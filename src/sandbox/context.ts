/** What route handlers see: the parsed request, and the sandbox (scenario, persisted state, clock, own URL). */
import type { Scenario } from './scenario';
import type { SandboxState } from './state';

export interface SandboxContext {
  readonly scenario: Scenario;
  readonly state: SandboxState;
  /** Scenario clock, epoch ms: starts at scenario.now and advances in real time. */
  nowMs(): number;
  /** 00:00 UTC of the day that contained the scenario clock at start: the day of each `dailyRequests`' last entry. */
  readonly lastDayStartMs: number;
  /** Epoch ms of the scenario clock at start. */
  readonly scenarioStartMs: number;
  /** 'https://127.0.0.1:<port>', used for absolute nextLinks. */
  readonly publicUrl: string;
  /** Items per page of paged lists. */
  readonly pageSize: number;
}

export interface ArmRequest {
  /** Upper case. */
  readonly method: string;
  /** Path with its query, exactly as received. */
  readonly rawUrl: string;
  /** Path as received but with one leading slash and no trailing slash; still percent-encoded. */
  readonly pathname: string;
  /** Percent-decoded path segments. */
  readonly segments: readonly string[];
  /** Query parameters with decoded, lower-cased keys (api%2Dversion → api-version); the first value of a key wins. */
  readonly query: ReadonlyMap<string, string>;
  /** Decoded query parameters in their original order and case, for rebuilding URLs (nextLink). */
  readonly queryEntries: readonly (readonly [string, string])[];
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  /** Values of the route pattern's {placeholders}. */
  readonly params: Readonly<Record<string, string>>;
}

export interface ArmResponse {
  /** Default 200. */
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Which ARM quota the request counts against; set by the router from the route. */
  quota?: 'reads' | 'writes';
  /** Resource Graph: the table the query read, kept in the request record (tests tell the queries apart by it). */
  graphTable?: string;
}

export type Handler = (req: ArmRequest, ctx: SandboxContext) => ArmResponse | Promise<ArmResponse>;

export interface Route {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Path pattern: literal segments match case-insensitively; {name} is one segment; {*name} is one or more. */
  pattern: string;
  apiVersions: readonly string[];
  /** Which ARM quota header a success carries; default: reads for GET, writes otherwise. */
  quota?: 'reads' | 'writes';
  handle: Handler;
}
