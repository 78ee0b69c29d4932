import type { Change } from '../domain/approval';
import { planById } from '../domain/plans';

/** One line naming a change, for cards and the audit log: "Defender for APIs plan → Plan 3 (P3)". */
export function describeChange(change: Change): string {
  if (change.kind === 'setPlan') return `Defender for APIs plan → ${planById(change.planId).name} (${change.planId})`;
  const services = new Set(change.apis.map((a) => a.serviceName));
  return `Onboard ${change.apis.length} API${change.apis.length === 1 ? '' : 's'} on ${services.size} API Management service${services.size === 1 ? '' : 's'} to Defender for APIs`;
}
