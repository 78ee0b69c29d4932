/** Talking to a benchmark's child process (src/dev/bench/) over its IPC channel. */
import type { ChildProcess } from 'node:child_process';

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
