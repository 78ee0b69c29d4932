/** A benchmark's child processes (src/dev/bench/): starting them, and talking to them over their IPC channel. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './processes';

/** The next IPC message of this type from the child; rejects if the child exits first. */
export const once = <T>(child: ChildProcess, type: string): Promise<T> =>
  new Promise((resolve, reject) => {
    const onMessage = (message: { type?: string }) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as T);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`${child.spawnfile} ${child.spawnargs.at(-1) ?? ''} exited with ${code}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });

/** Sends `message` and resolves with the child's answer of type `answer`. */
export async function ask<T>(
  child: ChildProcess,
  message: { type: string; [field: string]: unknown },
  answer: string,
): Promise<T> {
  const answered = once<T>(child, answer);
  child.send(message);
  return answered;
}

/** Asks the child to exit (at the end of a benchmark) and waits until it has; nothing when it already has. */
export async function endChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send({ type: 'exit' });
  await exited;
}

/**
 * One child process for a whole benchmark: `dist/src/dev/bench/<entry>` (compiled: call buildBot() first), forked
 * on first use (again if it has exited), its output on ours. `end()` asks it to exit and waits.
 */
export function sharedChild(entry: string, execArgv: readonly string[]): { get(): ChildProcess; end(): Promise<void> } {
  let child: ChildProcess | undefined;
  return {
    get: () => {
      if (!child || child.exitCode !== null) {
        child = fork(path.join(ROOT, 'dist', 'src', 'dev', 'bench', entry), [], {
          execArgv: [...execArgv],
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
      }
      return child;
    },
    end: async () => {
      const ending = child;
      child = undefined;
      await endChild(ending);
    },
  };
}

/** Asks the child to stop what it serves (a bot app, a sandbox) and waits; nothing when it has exited. */
export async function stopServing(child: ChildProcess): Promise<void> {
  if (child.exitCode === null) await ask(child, { type: 'stop' }, 'stopped');
}
