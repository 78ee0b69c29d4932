import type { Approval } from '../domain/approval';
import { progressOf, summaryOf, type OnboardingOperation, type OperationItem } from '../domain/onboarding-operation';
import { isAppError } from '../errors/app-error';
import type { Logger } from '../logging/logger';
import type { KeyValueStore } from '../storage/store';
import { mapWithConcurrency } from '../util/concurrency';
import { KeyedMutex } from '../util/keyed-mutex';
import type { ChangeResult, ChangeRunner } from './change-executor';
import type { OnboardingAzure } from './onboarding-ports';

export const operationKey = (approvalId: string): string => `operations/${approvalId}`;

/**
 * Onboards approved APIs as a durable operation: the per-API list is saved before the first call and after each
 * API, at most `perService` APIs of one APIM service at a time (onboarding adds load on the gateway). On a resume
 * every unfinished API is checked with a GET first, so nothing is onboarded twice and nothing is dropped.
 */
export class OnboardingRunner {
  private readonly saving = new KeyedMutex();

  constructor(
    private readonly azure: OnboardingAzure,
    private readonly store: KeyValueStore,
    private readonly perService: number,
    private readonly logger: Logger,
    /** Longest one API's onboarding may take (ms), polling included. */
    private readonly perApiTimeoutMs = 15 * 60_000,
  ) {}

  readonly run: ChangeRunner = async (approval, signal, report) => {
    const { op, resumed } = await this.load(approval);
    const groups = new Map<string, OperationItem[]>();
    for (const item of op.items.filter((i) => i.state !== 'done' && i.state !== 'failed'))
      groups.set(item.api.serviceId.toLowerCase(), [...(groups.get(item.api.serviceId.toLowerCase()) ?? []), item]);
    await Promise.all(
      [...groups.values()].map((items) =>
        mapWithConcurrency(items, this.perService, async (item) => {
          signal.throwIfAborted();
          await this.onboardOne(op, item, resumed, signal);
          await report(progressOf(op));
        }),
      ),
    );
    const failed = op.items.filter((i) => i.state === 'failed');
    const result: ChangeResult = { outcome: summaryOf(op), progress: progressOf(op) };
    if (failed.length > 0) result.failedCode = failed.length === op.items.length ? 'all_failed' : 'some_failed';
    return result;
  };

  private async onboardOne(op: OnboardingOperation, item: OperationItem, resumed: boolean, signal: AbortSignal) {
    const wasStarted = item.state === 'running';
    item.state = 'running';
    await this.save(op);
    // One API whose long-running operation never ends must not hold up the others for the whole operation.
    const apiSignal = AbortSignal.any([signal, AbortSignal.timeout(this.perApiTimeoutMs)]);
    try {
      // After a stop, the API may have been onboarded just before it: ask Azure instead of onboarding again. A
      // collection still being onboarded is waited for, not trusted; one that failed is onboarded again.
      const existing = resumed || wasStarted ? await this.azure.settledCollection(item.api, apiSignal) : undefined;
      if (!existing || existing.provisioningState.toLowerCase() !== 'succeeded')
        await this.azure.onboard(item.api, apiSignal);
      item.state = 'done';
    } catch (error) {
      if (signal.aborted) throw error; // stopping: the item stays "running" and is checked on resume
      const timedOut = apiSignal.aborted;
      item.state = 'failed';
      item.errorCode = timedOut ? 'timeout' : isAppError(error) ? error.code : 'internal';
      item.reason = timedOut
        ? `Azure did not finish onboarding it within ${Math.round(this.perApiTimeoutMs / 60_000)} minutes; it may still complete, check "onboard unhealthy APIs" later`
        : isAppError(error)
          ? error.userMessage
          : 'Something went wrong on my side.';
      this.logger.warn('onboarding an API failed', { approvalId: op.approvalId, api: item.api.apiName, error });
    }
    await this.save(op);
  }

  private async load(approval: Approval): Promise<{ op: OnboardingOperation; resumed: boolean }> {
    const existing = await this.store.get<OnboardingOperation>(operationKey(approval.id));
    if (existing) return { op: existing.value, resumed: true };
    if (approval.change.kind !== 'onboardApis') throw new Error('not an onboarding change');
    const op: OnboardingOperation = {
      approvalId: approval.id,
      subscriptionId: approval.subscriptionId,
      items: approval.change.apis.map((api) => ({ api, state: 'waiting' })),
    };
    await this.save(op);
    return { op, resumed: false };
  }

  /** Saves are serialised per operation so a slow write never overwrites a newer one. */
  private save(op: OnboardingOperation): Promise<void> {
    const snapshot = JSON.parse(JSON.stringify(op)) as OnboardingOperation;
    return this.saving.run(op.approvalId, async () => {
      await this.store.put(operationKey(op.approvalId), snapshot);
    });
  }

  async operation(approvalId: string): Promise<OnboardingOperation | undefined> {
    return (await this.store.get<OnboardingOperation>(operationKey(approvalId)))?.value;
  }
}
