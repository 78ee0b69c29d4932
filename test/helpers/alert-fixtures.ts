import { levelKey } from '../../src/domain/usage';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ApimService, DefenderPlan, RequestTotals, Subscription } from '../../src/domain/azure-types';
import type { UsageAlert } from '../../src/domain/alerts';
import { createLogger } from '../../src/logging/logger';
import { AlertCardActions } from '../../src/services/alert-card-actions';
import { AlertChecker } from '../../src/services/alert-checker';
import { AlertDelivery } from '../../src/services/alert-delivery';
import { AlertOutbox } from '../../src/services/alert-outbox';
import type { AlertNotifier, ConversationAddress, DeliveryOutcome } from '../../src/services/alert-ports';
import { AlertService } from '../../src/services/alert-service';
import { AlertSubscriptions } from '../../src/services/alert-subscriptions';
import { AuditLog, type AuditEntry } from '../../src/services/audit-log';
import { ConversationRegistry } from '../../src/services/conversation-registry';
import type { AzureReader } from '../../src/services/ports';
import { StatusService } from '../../src/services/status-service';
import { FileStore } from '../../src/storage/file-store';
import type { KeyValueStore } from '../../src/storage/store';

export const SUB = '11111111-1111-4111-8111-111111111111';
export const CHANNEL = '19:ops@thread.tacv2';
export const CHAT = 'a:personal-chat-1';
export const ALEX = { name: 'Alex Wilber', aadObjectId: '00000000-0000-4000-8000-00000000a1e0' };

/** Azure as the alert services see it: one subscription, one service, a settable month-to-date total and plan. */
export class FakeAzure implements AzureReader {
  monthToDate = 0;
  plan: DefenderPlan = { tier: 'Standard', planId: 'P1' };
  failing = false;
  /** Subscriptions whose service list never answers, not even to an abort (a hung dependency). */
  readonly hanging = new Set<string>();
  readonly subscription: Subscription = { id: SUB, name: 'Contoso Production' };
  private readonly service: ApimService = {
    id: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ApiManagement/service/apim`,
    name: 'apim',
    resourceGroup: 'rg',
    region: 'eastus',
    sku: 'Premium',
  };

  async listSubscriptions(): Promise<Subscription[]> {
    return [this.subscription];
  }
  async listApimServices(subscriptionId: string): Promise<ApimService[]> {
    if (this.hanging.has(subscriptionId)) return new Promise<never>(() => undefined);
    if (this.failing) throw new Error('Azure is down');
    return [this.service];
  }
  async requestTotals(): Promise<RequestTotals> {
    return { byServiceId: new Map([[this.service.id, this.monthToDate]]), failures: new Map() };
  }
  async getDefenderPlan(): Promise<DefenderPlan> {
    return this.plan;
  }
}

/** Records deliveries; answers with queued outcomes (per conversation first, then any), then `delivered`. */
export class FakeNotifier implements AlertNotifier {
  readonly sent: { conversationId: string; alert: UsageAlert }[] = [];
  readonly outcomes: DeliveryOutcome[] = [];
  /** Recipients are sent to in parallel, so a failure meant for one conversation is queued under its id. */
  readonly outcomesFor = new Map<string, DeliveryOutcome[]>();
  async deliver(address: ConversationAddress, alert: UsageAlert): Promise<DeliveryOutcome> {
    const outcome = this.outcomesFor.get(address.conversationId)?.shift() ??
      this.outcomes.shift() ?? { kind: 'delivered', activityId: `activity-${this.sent.length + 1}` };
    if (outcome.kind === 'delivered') this.sent.push({ conversationId: address.conversationId, alert });
    return outcome;
  }
  levels(): string[] {
    // Month and level only; the plan part of the id is checked where it matters.
    return this.sent.map((s) => `${s.conversationId} ${s.alert.month}/${levelKey(s.alert.level)}`);
  }
}

export const address = (conversationId: string): ConversationAddress => ({
  conversationId,
  conversationType: conversationId.startsWith('19:') ? 'channel' : 'personal',
  reference: { conversation: { id: conversationId }, serviceUrl: 'http://127.0.0.1:1/' },
});

/** The alert services over a FileStore folder; `instance()` again on the same store is a restart or a 2nd instance. */
export class AlertWorld {
  now = new Date('2026-11-20T00:00:00Z');
  readonly clock = (): Date => this.now;
  readonly azure = new FakeAzure();
  readonly logger = createLogger('silent');

  private constructor(readonly store: KeyValueStore) {}

  static async create(): Promise<AlertWorld> {
    return new AlertWorld(new FileStore(await mkdtemp(path.join(os.tmpdir(), 'alerts-'))));
  }

  instance(notifier = new FakeNotifier(), thresholds: number[] = [80, 100], checkTimeoutMs?: number) {
    const { store, clock, logger } = this;
    const subscriptions = new AlertSubscriptions(store);
    const registry = new ConversationRegistry(store);
    const outbox = new AlertOutbox(store);
    const audit = new AuditLog(store, clock);
    const status = new StatusService(this.azure, clock);
    const delivery = new AlertDelivery({ outbox, subscriptions, registry, notifier, audit, clock, logger });
    const checker = new AlertChecker({
      status,
      subscriptions,
      outbox,
      delivery,
      clock,
      thresholds,
      logger,
      checkTimeoutMs,
    });
    const service = new AlertService({
      ...{ subscriptions, registry, outbox, status, audit, clock, thresholds, logger },
      checkIntervalSeconds: 900,
    });
    const cards = new AlertCardActions(store, outbox, subscriptions, clock);
    return { notifier, checker, service, cards, outbox, subscriptions, registry, audit, status };
  }

  async auditEntries(): Promise<AuditEntry[]> {
    const keys = await this.store.list('audit/');
    return (await Promise.all(keys.map((k) => this.store.get<AuditEntry>(k)))).flatMap((e) => (e ? [e.value] : []));
  }

  at(iso: string): void {
    this.now = new Date(iso);
  }

  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }
}
