/** The estimate card's opening line and the three traffic figures. */
import { formatCount, formatUsd } from '../../domain/format';
import type { TrafficEstimate } from '../../services/estimate-service';

/** One line with the answer, e.g. "Plan 2 is the cheapest: $1,234.56 a month, saves $938.99 a month against Plan 1 today". */
export function answerText(e: TrafficEstimate): string {
  if (e.services.length === 0) return 'No API Management services here, so Defender for APIs has nothing to bill.';
  const best = e.recommended;
  if (!best) {
    const failed = e.services.filter((s) => s.requests === undefined).length;
    return `No recommendation: I couldn't read the traffic of ${failed} service${failed === 1 ? '' : 's'}.`;
  }
  const head = `${best.plan.name} is the cheapest: ${formatUsd(best.totalMicroUsd)} a month`;
  const current = e.currentCost;
  if (!current) return `${head}. Defender for APIs is not on a plan here yet.`;
  if (current.plan.id === best.plan.id) return `${head}, and you are already on it.`;
  // "saves", never a minus sign: a "−" can wrap away from its number in a narrow column.
  return `${head}, saves ${formatUsd(current.totalMicroUsd - best.totalMicroUsd)} a month against ${current.plan.name} today.`;
}

/** The three figures, the one plans are compared on marked. */
export function trafficFacts(e: TrafficEstimate) {
  const m = e.monitored;
  const basis = m.basis === 'onboardable';
  const unknown = "unknown (I couldn't read the onboarding state)";
  return [
    {
      title: 'APIs onboarded now',
      value: m.onboarded === undefined ? unknown : `${formatCount(m.onboarded)} requests`,
    },
    {
      title: 'If every onboardable API were onboarded',
      value:
        m.onboardable === undefined
          ? unknown
          : `${formatCount(m.onboardable)} requests${basis ? ' ★ plans compared on this' : ''}`,
    },
    {
      title: "All APIM traffic (Microsoft's method)",
      value: `${formatCount(m.all)} requests${basis ? '' : ' ★ plans compared on this'}`,
    },
  ];
}

/** Why the plans are compared on the figure they are compared on. */
export function basisText(e: TrafficEstimate): string {
  const m = e.monitored;
  if (m.basis === 'all') return m.basisReason ?? 'Plans are compared on all traffic.';
  const pending =
    m.pendingApis > 0
      ? ` ${m.pendingApis} onboardable API${m.pendingApis === 1 ? ' is' : 's are'} not onboarded yet (${formatCount(m.pendingRequests)} requests); "onboard unhealthy APIs" lists them.`
      : '';
  return `Defender for APIs bills the traffic it monitors, so plans are compared on every onboardable API's traffic (Consumption-tier services and not-applicable APIs excluded). Microsoft's calculator counts all traffic.${pending}`;
}
