import path from 'node:path';
import type { LogLevel } from '../logging/logger';
import { accessConfig, guidList, type AccessConfig } from './access-config';

/** Everything the bot reads from its environment, read once at start (interfaces.md §2). */
export interface Config {
  port: number;
  azureMode: 'sandbox' | 'azure';
  /** Scenario file for the sandbox; undefined = the bundled demo scenario. */
  sandboxScenario: string | undefined;
  /** 0 = any free port. */
  sandboxPort: number;
  dataDir: string;
  approverIds: readonly string[];
  alertCheckIntervalSeconds: number;
  bot: BotIdentity;
  logLevel: LogLevel;
  /** Parallel metric calls (batch calls or per-service calls) in flight at once. */
  metricsConcurrency: number;
  /** Where durable state lives: files under DATA_DIR (one instance) or Azure Blob Storage (shared by instances). */
  storage: StorageConfig;
  /** Distinct approvers an Azure change needs (never counting the requester). */
  approvalsRequired: number;
  /** How long an approval request stays open. */
  approvalTtlHours: number;
  /** APIs of one APIM service onboarded at the same time (onboarding adds load on the gateway). */
  onboardingConcurrencyPerService: number;
  /** Percent of the plan's entitlement at which alerts fire, ascending. */
  alertThresholds: readonly number[];
  /** Time limits in ms: one HTTP attempt to Azure, one turn, one subscription's alert check. */
  timeouts: Timeouts;
  /** Leases and retention (README "Reliability"). */
  reliability: ReliabilityConfig;
  /** Tenants, Entra groups, admins, conversations bound to subscriptions. */
  access: AccessConfig;
}

export interface Timeouts {
  /** AZURE_REQUEST_TIMEOUT_SECONDS: one attempt of one Azure call (the SDK retries a timed-out attempt). */
  azureRequestMs: number;
  /** TURN_BUDGET_SECONDS: how long a turn waits for Azure before it answers with what did answer. */
  turnBudgetMs: number;
  /** ALERT_CHECK_TIMEOUT_SECONDS: one subscription's check in an alert sweep; the sweep then goes on. */
  alertCheckMs: number;
}

export interface ReliabilityConfig {
  /** A running change's lease and the background sweeps' leadership last this long without renewal (s). */
  leaseSeconds: number;
  /** Audit entries older than this are deleted (days). */
  auditRetentionDays: number;
  /** Alert claims, deliveries and acknowledgements of months older than this are deleted (days). */
  alertRetentionDays: number;
}

export type StorageConfig =
  | { kind: 'file' }
  | { kind: 'blob'; connectionString: string; container: string }
  | { kind: 'blob'; containerUrl: string };

export interface BotIdentity {
  /** Empty = inbound authentication off (sandbox and the Agents Playground only). */
  id: string;
  password: string;
  type: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMsi';
  tenantId: string;
}

/** Thrown when the environment is wrong; lists every problem with how to fix it, not just the first. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The bot cannot start; fix its environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function intIn(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max}.`);
    return fallback;
  }
  return value;
}

/** A positive number of hours (fractions allowed, so a test or a strict team can use minutes), at most 30 days. */
function hoursIn(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 720) {
    problems.push(`${name}="${raw}" must be a number of hours above 0 and at most 720 (30 days), e.g. 24 or 0.5.`);
    return fallback;
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T, problems: string[]): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const match = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
  if (!match) problems.push(`${name}="${raw}" must be one of: ${allowed.join(', ')}.`);
  return match ?? fallback;
}

function storage(env: Env, problems: string[]): StorageConfig {
  const connectionString = env.BLOB_CONNECTION_STRING?.trim();
  const containerUrl = env.BLOB_STORAGE_URL?.trim();
  if (connectionString && containerUrl)
    problems.push(
      'BLOB_CONNECTION_STRING and BLOB_STORAGE_URL are both set; keep one (the URL uses the managed identity).',
    );
  if (containerUrl && !/^https?:\/\/[^/]+\/[^/]+/.test(containerUrl))
    problems.push(
      `BLOB_STORAGE_URL="${containerUrl}" must be a container URL like https://<account>.blob.core.windows.net/botstate.`,
    );
  if (connectionString) return { kind: 'blob', connectionString, container: env.BLOB_CONTAINER?.trim() || 'botstate' };
  if (containerUrl) return { kind: 'blob', containerUrl };
  return { kind: 'file' };
}

function thresholds(env: Env, problems: string[]): number[] {
  const raw = env.ALERT_THRESHOLDS?.trim() || '80,100';
  const values = raw.split(',').map((s) => Number(s.trim()));
  if (values.some((v) => !Number.isInteger(v) || v < 1 || v > 1000)) {
    problems.push(`ALERT_THRESHOLDS="${raw}" must be whole percentages from 1 to 1000, comma-separated, e.g. 80,100.`);
    return [80, 100];
  }
  return [...new Set(values)].sort((a, b) => a - b);
}

function approverIds(env: Env, problems: string[]): string[] {
  return guidList(env, 'APPROVER_IDS', problems);
}

function botIdentity(env: Env, azureMode: Config['azureMode'], problems: string[]): BotIdentity {
  const id = env.BOT_ID?.trim() ?? '';
  const type = oneOf(
    env,
    'BOT_TYPE',
    ['SingleTenant', 'MultiTenant', 'UserAssignedMsi'] as const,
    'SingleTenant',
    problems,
  );
  const bot: BotIdentity = { id, password: env.BOT_PASSWORD ?? '', type, tenantId: env.BOT_TENANT_ID?.trim() ?? '' };
  if (!id) {
    if (azureMode !== 'sandbox')
      problems.push(
        "BOT_ID is empty, which turns off inbound authentication; that is only allowed with AZURE_MODE=sandbox. Set BOT_ID to the bot's Microsoft Entra app id.",
      );
    return bot;
  }
  if (type !== 'UserAssignedMsi' && !bot.password)
    problems.push(
      "BOT_PASSWORD is empty; set it to the client secret of the bot's app registration (or use BOT_TYPE=UserAssignedMsi).",
    );
  if (type !== 'MultiTenant' && !bot.tenantId)
    problems.push(`BOT_TENANT_ID is empty; a ${type} bot needs its Microsoft Entra tenant id.`);
  return bot;
}

/** Parses and validates the environment once. Throws ConfigError with every problem found. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const azureMode = oneOf(env, 'AZURE_MODE', ['sandbox', 'azure'] as const, 'sandbox', problems);
  const scenario = env.SANDBOX_SCENARIO?.trim();
  const bot = botIdentity(env, azureMode, problems);
  const config: Config = {
    port: intIn(env, 'PORT', 3978, 0, 65535, problems),
    azureMode,
    sandboxScenario: scenario ? path.resolve(cwd, scenario) : undefined,
    sandboxPort: intIn(env, 'SANDBOX_PORT', 0, 0, 65535, problems),
    dataDir: path.resolve(cwd, env.DATA_DIR?.trim() || '.data'),
    approverIds: approverIds(env, problems),
    alertCheckIntervalSeconds: intIn(env, 'ALERT_CHECK_INTERVAL_SECONDS', 900, 1, 86400, problems),
    bot,
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info', problems),
    metricsConcurrency: intIn(env, 'METRICS_CONCURRENCY', 4, 1, 32, problems),
    storage: storage(env, problems),
    approvalsRequired: intIn(env, 'APPROVALS_REQUIRED', 1, 1, 10, problems),
    approvalTtlHours: hoursIn(env, 'APPROVAL_TTL_HOURS', 24, problems),
    alertThresholds: thresholds(env, problems),
    onboardingConcurrencyPerService: intIn(env, 'ONBOARDING_CONCURRENCY_PER_SERVICE', 2, 1, 10, problems),
    timeouts: {
      azureRequestMs: 1000 * intIn(env, 'AZURE_REQUEST_TIMEOUT_SECONDS', 30, 1, 600, problems),
      turnBudgetMs: 1000 * intIn(env, 'TURN_BUDGET_SECONDS', 45, 1, 600, problems),
      alertCheckMs: 1000 * intIn(env, 'ALERT_CHECK_TIMEOUT_SECONDS', 120, 1, 3600, problems),
    },
    reliability: {
      leaseSeconds: intIn(env, 'LEASE_SECONDS', 40, 1, 600, problems),
      auditRetentionDays: intIn(env, 'AUDIT_RETENTION_DAYS', 400, 1, 3650, problems),
      // Claims must outlive their month (and the next, which still drains it), or a level could fire again.
      alertRetentionDays: intIn(env, 'ALERT_RETENTION_DAYS', 93, 62, 3650, problems),
    },
    access: accessConfig(env, azureMode, bot, problems),
  };
  const groupsApprove = config.access.approverGroupIds.length > 0;
  if (!groupsApprove && config.approverIds.length > 0 && config.approvalsRequired > config.approverIds.length)
    problems.push(
      `APPROVALS_REQUIRED=${config.approvalsRequired} but APPROVER_IDS lists only ${config.approverIds.length}; nothing could ever be approved.`,
    );
  if (azureMode === 'azure' && scenario)
    problems.push('SANDBOX_SCENARIO is set but AZURE_MODE=azure; remove one of them.');
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
