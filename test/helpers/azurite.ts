/** Starts a private, in-memory Azurite blob service for one test file, on a port the OS picks. */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';

export interface RunningAzurite {
  connectionString: string;
  stop(): Promise<void>;
}

// The well-known development account that every Azurite instance accepts (public, not a secret).
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const STARTUP_LIMIT_MS = 20_000;
const AZURITE_BLOB = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'azurite-blob');

export async function startAzurite(): Promise<RunningAzurite> {
  // Port 0 works with Azurite 3.37: the OS picks a free port and Azurite prints it ("listens on http://host:port"),
  // which avoids the pick-then-bind race of choosing a free port ourselves. --inMemoryPersistence writes no files, so
  // no --location folder is needed.
  const child = spawn(
    process.execPath,
    [
      AZURITE_BLOB,
      '--inMemoryPersistence',
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--silent',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => (output += text));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };

  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Azurite did not start within ${STARTUP_LIMIT_MS} ms`)),
        STARTUP_LIMIT_MS,
      );
      const done = (fn: () => void): void => {
        clearTimeout(timer);
        fn();
      };
      child.stdout.on('data', (text: string) => {
        output += text;
        const match = /listens on https?:\/\/[^\s:]+:(\d+)/.exec(output);
        if (match?.[1]) done(() => resolve(Number(match[1])));
      });
      child.once('error', (error) => done(() => reject(error)));
      child.once('exit', (code, signal) =>
        done(() => reject(new Error(`Azurite exited early (${code ?? signal}):\n${output}`))),
      );
    });
    await waitForPort(port, Date.now() + STARTUP_LIMIT_MS);
    const connectionString =
      `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};` +
      `BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`;
    return { connectionString, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Azurite prints the address once the server is listening; this confirms it really accepts connections. */
async function waitForPort(port: number, deadline: number): Promise<void> {
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`Azurite port ${port} did not accept connections in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
