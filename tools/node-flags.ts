/**
 * Node flags of the production process, for the Node major it runs on. infra/azure.bicep's appCommandLine spells
 * them out for its NODE|22-lts site (test/unit/lifecycle-files.test.ts checks the two agree); the benchmarks and the
 * production-start test start the bot with them.
 *
 * AsyncLocalStorage carries each turn's correlation id into every log line. On Node 22 it is built on async_hooks
 * by default, whose promise hooks run for every promise of the process: about a tenth of the CPU of a `help` turn,
 * since botbuilder awaits a lot. Node 24 uses AsyncContextFrame instead, with no hooks; Node 22 does with this flag
 * (and Node 24 refuses the flag, so it is given on 22 only).
 */
export function productionNodeFlags(nodeMajor: number = Number(process.versions.node.split('.')[0])): string[] {
  return nodeMajor === 22 ? ['--experimental-async-context-frame'] : [];
}
