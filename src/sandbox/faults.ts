/** Scenario `faults`: canned ARM errors for the next `count` requests whose method and path-with-query match. */
import { ArmError, defaultCodeForStatus, throttledError } from './arm-errors';
import type { ScenarioFault } from './scenario';

interface ArmedFault {
  fault: ScenarioFault;
  regex: RegExp;
  /** Matching requests still to fault; Infinity when the scenario gives no count. */
  remaining: number;
}

export class FaultInjector {
  private readonly armed: ArmedFault[];

  constructor(faults: readonly ScenarioFault[]) {
    this.armed = faults.map((fault) => ({
      fault,
      regex: new RegExp(fault.pathRegex),
      remaining: fault.count ?? Infinity,
    }));
  }

  /**
   * The error to answer with, using up one of the first matching fault's count; 'hang' for a fault that accepts the
   * request and never answers it; undefined when none matches.
   */
  take(method: string, pathWithQuery: string): ArmError | 'hang' | undefined {
    const hit = this.armed.find(
      ({ fault, regex, remaining }) =>
        remaining > 0 &&
        (fault.method === undefined || fault.method.toUpperCase() === method) &&
        regex.test(pathWithQuery),
    );
    if (hit === undefined) return undefined;
    hit.remaining -= 1;
    return hit.fault.hang === true ? 'hang' : errorFor(hit.fault);
  }
}

function errorFor(fault: ScenarioFault): ArmError {
  const status = fault.status ?? 500;
  const retryAfter = fault.retryAfterSeconds ?? 1;
  if (status === 429 && fault.code === undefined && fault.message === undefined) return throttledError(retryAfter);
  const code = fault.code ?? defaultCodeForStatus(status);
  const message = fault.message ?? `Simulated fault from the sandbox scenario (HTTP ${status}).`;
  // Retry-After tells the SDKs' throttling retry policy how long to wait (seconds).
  const headers: Record<string, string> = status === 429 || status === 503 ? { 'retry-after': String(retryAfter) } : {};
  return new ArmError(status, code, message, headers);
}
