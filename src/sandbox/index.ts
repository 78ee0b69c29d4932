/**
 * The sandbox: a local HTTPS server that plays Azure Resource Manager (and the regional metrics:getBatch host) from a
 * scenario file (interfaces.md §3), so the bot's real Azure SDK clients run unchanged without an Azure account.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { projectRoot } from '../util/project-root';
import type { Clock } from '../clock';
import type { SandboxContext } from './context';
import { FaultInjector } from './faults';
import { Router } from './router';
import { apiCollectionRoutes } from './routes/api-collections';
import { apiManagementRoutes } from './routes/api-management';
import { assessmentMetadataRoutes } from './routes/assessment-metadata';
import { assessmentRoutes } from './routes/assessments';
import { metricsRoutes } from './routes/metrics';
import { metricsBatchRoutes } from './routes/metrics-batch';
import { pricingRoutes } from './routes/pricings';
import { graphRoutes } from './routes/graph';
import { resourceGraphRoutes } from './routes/resource-graph';
import { subscriptionRoutes } from './routes/subscriptions';
import { loadScenario } from './scenario-file';
import { SandboxApp, type SandboxRequest } from './server';
import { SandboxState } from './state';
import { prepareResourceGraph } from './routes/resource-graph';
import { ArmThrottle } from './throttling';
import { continuingClock, utcDayStart } from './time';
import { loadOrCreateTls } from './tls';

export type {
  ApiInsights,
  ApimSku,
  ApiSubPlan,
  DailyRequests,
  DefenderForApisPlan,
  PricingTier,
  RecommendationStatus,
  Scenario,
  ScenarioApi,
  ScenarioFault,
  ScenarioService,
  ScenarioSubscription,
} from './scenario';
export type { SandboxRequest } from './server';
export { loadScenario };
export { sandboxCredential } from './tokens';

export interface SandboxOptions {
  /** JSON scenario file (interfaces.md §3). */
  scenarioPath: string;
  /** Folder for persisted changes and the cached TLS certificate and key; created if missing. */
  dataDir: string;
  /** Undefined or 0 = any free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Epoch ms source, default Date.now (tests may inject). */
  realNow?: () => number;
}

export interface Sandbox {
  /** 'https://127.0.0.1:<port>': the ARM endpoint, standing for https://management.azure.com. */
  url: string;
  /** `${url}/_regions/${region}`: stands for https://{region}.metrics.monitor.azure.com. */
  metricsEndpoint(region: string): string;
  /** The self-signed certificate (PEM) clients must trust. */
  caCertificatePem: string;
  /** Scenario clock: starts at scenario.now (or real time if absent), advances in real time, never goes back. */
  clock: Clock;
  /** Every request served since start, in order. */
  requests(): SandboxRequest[];
  close(): Promise<void>;
}

const PAGE_SIZE = 5;
const ROUTES = [
  ...subscriptionRoutes,
  ...apiManagementRoutes,
  ...metricsRoutes,
  ...metricsBatchRoutes,
  ...pricingRoutes,
  ...assessmentMetadataRoutes,
  ...assessmentRoutes,
  ...apiCollectionRoutes,
  ...graphRoutes,
  ...resourceGraphRoutes,
];

/** The bundled demo scenario, found from the project root so it works from src/ (ts-node) and dist/src/ alike. */
export const DEMO_SCENARIO_PATH = join(projectRoot(), 'src', 'sandbox', 'scenarios', 'demo.json');

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const realNow = options.realNow ?? Date.now;
  const scenario = await loadScenario(options.scenarioPath);
  const state = await SandboxState.load(options.dataDir, options.scenarioPath);
  // Wall-clock time, never the injected one: TLS clients check the certificate against their real clock.
  const tls = await loadOrCreateTls(options.dataDir, Date.now());

  const throttle = scenario.armThrottling ? new ArmThrottle() : undefined;
  const app = new SandboxApp(
    new Router(ROUTES),
    new FaultInjector(scenario.faults ?? []),
    scenario.latencyMs ?? 0,
    throttle,
  );
  const server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    // handle() answers every error itself; this only guards against a socket that broke mid-answer.
    app.handle(req, res).catch(() => res.destroy());
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  const url = `https://${urlHost(host)}:${port}`;

  const scenarioStartMs = scenario.now === undefined ? realNow() : Date.parse(scenario.now);
  // Next to the sandbox state of the same scenario file: the clock continues where the last run stopped.
  const clockFile = join(
    dirname(state.filePath),
    basename(state.filePath).replace(/^sandbox-state-/, 'sandbox-clock-'),
  );
  const clock = await continuingClock(clockFile, scenarioStartMs, realNow);
  const nowMs = clock.nowMs;
  const context: SandboxContext = {
    scenario,
    state,
    nowMs,
    scenarioStartMs,
    lastDayStartMs: utcDayStart(scenarioStartMs),
    publicUrl: url,
    pageSize: scenario.pageSize ?? PAGE_SIZE,
  };
  app.context = context;
  prepareResourceGraph(scenario);

  return {
    url,
    metricsEndpoint: (region) => `${url}/_regions/${region}`,
    caCertificatePem: tls.certPem,
    clock: () => new Date(nowMs()),
    requests: () => app.requests(),
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err === undefined ? resolve() : reject(err)));
        // Keep-alive sockets of SDK clients would otherwise hold close() open; closeAllConnections does not see a
        // socket still in its TLS handshake (a client's retry racing the close), so every socket is ended.
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      await state.flush();
      await clock.stop();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Host as it goes in a URL: wildcard binds are reached on loopback, IPv6 literals need brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
