/** One dependency /readyz asks: resolves when it answers, throws (or is cut off at the timeout) when it does not. */
export interface ReadinessCheck {
  name: string;
  check(signal: AbortSignal): Promise<void>;
}

export interface CheckResult {
  ok: boolean;
  /** How long the check took, ms. */
  ms: number;
  /** Why it failed, in one line (never a secret: messages are scrubbed by the caller's error text rules). */
  reason?: string;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckResult>;
}

const MAX_REASON = 300;

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n')[0] ?? text;
  return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON)}…` : line;
}

/** Runs one check, aborting it and failing after `timeoutMs`. */
async function timed(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    await Promise.race([check.check(controller.signal), timeout]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), reason: reasonOf(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check at once, each with its own timeout; ready only when all answered. */
export async function checkReadiness(checks: readonly ReadinessCheck[], timeoutMs: number): Promise<ReadinessReport> {
  const results = await Promise.all(checks.map((check) => timed(check, timeoutMs)));
  const report: ReadinessReport = { ready: results.every((r) => r.ok), checks: {} };
  checks.forEach((check, i) => (report.checks[check.name] = results[i] as CheckResult));
  return report;
}
