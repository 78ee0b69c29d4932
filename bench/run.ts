/**
 * npm run bench: every benchmark in one run, each printing its figures next to its target. The bot is compiled
 * once and run as its production process (node dist/…), in sandbox mode, on loopback only. Takes about 4 minutes.
 * BENCH_ONLY=turns,alerts,memory,estimate picks some.
 */
import { alertsBench } from './alerts.bench';
import { estimateBench } from './estimate.bench';
import { memoryBench } from './memory.bench';
import { buildBot } from './support/processes';
import { turnsBench } from './turns.bench';

async function main(): Promise<void> {
  const only = (process.env.BENCH_ONLY ?? 'turns,alerts,memory,estimate').split(',');
  const entry = buildBot();
  if (only.includes('turns')) await turnsBench(entry);
  if (only.includes('alerts')) await alertsBench(entry);
  if (only.includes('memory')) await memoryBench(entry);
  if (only.includes('estimate')) await estimateBench();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
