/**
 * `npm start`: the bot on sandbox data plus the Microsoft 365 Agents Playground (a local Teams client in the
 * browser), with nothing to configure. Steps:
 *   1. start `node dist/src/index.js` and wait until GET /healthz answers 200;
 *   2. start the Playground pointed at the bot (it reads .m365agentsplayground.yml from the repo root);
 *   3. print where to click; Ctrl+C or SIGTERM stops both.
 * The Playground sends no tokens, so the bot must run with an empty BOT_ID (inbound authentication off), which the
 * bot only accepts in sandbox mode.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Child, isPortInUse, parsePort, startChild, stopChild, waitForHttpOk, WaitResult } from './children';
import { projectRoot } from '../util/project-root';

const BOT_START_TIMEOUT_MS = 60_000;
const PLAYGROUND_START_TIMEOUT_MS = 30_000;
const DEFAULT_BOT_PORT = 3978;
const DEFAULT_PLAYGROUND_PORT = 56150;
/**
 * Megan Bowen, a Playground user other than you (see .m365agentsplayground.yml). Nobody may approve their own
 * request, so the demo approver is someone else; the README shows how to click as her ("Mock an Activity").
 */
const PLAYGROUND_APPROVER_AAD_OBJECT_ID = '00000000-0000-0000-0000-000000000021';

const root = projectRoot();
const children: Child[] = [];
let stopping = false;

function fail(message: string, code = 1): Promise<never> {
  process.stderr.write(`\nnpm start: ${message}\n`);
  return shutdown(code);
}

async function shutdown(code: number): Promise<never> {
  stopping = true;
  await Promise.all(children.map((child) => stopChild(child)));
  process.exit(code);
}

/** The Playground's CLI, run with this Node (not through node_modules/.bin, which is a .cmd shim on Windows). */
function playgroundCli(): string {
  const packageJson = require.resolve('@microsoft/m365agentsplayground/package.json', { paths: [root] });
  const { bin } = JSON.parse(readFileSync(packageJson, 'utf8')) as { bin: Record<string, string> };
  return join(packageJson, '..', bin.agentsplayground ?? 'cli.js');
}

/** After start-up, either child ending on its own ends the whole run, with its exit code. */
function watch(label: string, child: Child): void {
  void child.exited.then((code) => {
    // Ctrl+C reaches the children too, and one may exit before our own SIGINT handler has run.
    setTimeout(() => {
      if (stopping) return;
      process.stderr.write(`\nnpm start: the ${label} stopped (exit code ${code}); stopping everything.\n`);
      void shutdown(code === 0 ? 1 : code);
    }, 200);
  });
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const botPort = parsePort('PORT', process.env.PORT, DEFAULT_BOT_PORT);
  const requestedPlaygroundPort = parsePort(
    'PLAYGROUND_PORT',
    process.env.PLAYGROUND_PORT ?? process.env.TEAMSAPPTESTER_PORT,
    DEFAULT_PLAYGROUND_PORT,
  );
  const azureMode = process.env.AZURE_MODE?.trim() || 'sandbox';
  // On sandbox data, Megan Bowen (a Playground user) approves unless APPROVER_IDS says otherwise, so the first
  // `npm start` already leads to a change someone can approve (README: "Trying an approval in the Playground").
  const demoApprover = azureMode === 'sandbox' && !process.env.APPROVER_IDS?.trim();
  const botEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(botPort),
    BOT_ID: process.env.BOT_ID ?? '',
    ...(demoApprover ? { APPROVER_IDS: PLAYGROUND_APPROVER_AAD_OBJECT_ID } : {}),
  };
  if (botEnv.BOT_ID !== '') {
    process.stderr.write(
      'npm start: BOT_ID is set, but the Playground sends no tokens, so the bot will refuse its messages; unset BOT_ID.\n',
    );
  }

  // A bot already on the port would answer /healthz and be mistaken for ours.
  if (await isPortInUse(botPort)) {
    return fail(`port ${botPort} is already in use (another bot?). Stop it or choose another: PORT=3979 npm start`);
  }

  const botEntry = join(root, 'dist', 'src', 'index.js');
  const bot = startChild('bot', process.execPath, [botEntry], { cwd: root, env: botEnv });
  children.push(bot);
  const botUrl = `http://127.0.0.1:${botPort}`;
  const botReady = await waitForHttpOk(`${botUrl}/healthz`, bot, BOT_START_TIMEOUT_MS);
  if (!botReady.ready) {
    return botReady.reason === 'exited'
      ? fail(`the bot exited with code ${botReady.code} before it was ready; its output is above.`, botReady.code || 1)
      : fail(`the bot did not answer ${botUrl}/healthz within ${BOT_START_TIMEOUT_MS / 1000} s.`);
  }

  // The Playground moves to a random port when its port is taken; it says where in "Listening on <port>".
  let playgroundPort = requestedPlaygroundPort;
  let cli: string;
  try {
    cli = playgroundCli();
  } catch {
    return fail('@microsoft/m365agentsplayground is not installed; run `npm install`.');
  }
  const playgroundArgs = [
    cli,
    'start',
    '-e',
    `${botUrl}/api/messages`,
    '-c',
    'msteams',
    '-p',
    String(requestedPlaygroundPort),
    '--disable-telemetry',
  ];
  const playground = startChild('playground', process.execPath, playgroundArgs, {
    cwd: root, // it reads .m365agentsplayground.yml from its working folder
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none' },
    onLine: (line) => {
      const match = /Listening on (\d+)/i.exec(line);
      if (match?.[1]) playgroundPort = Number(match[1]);
    },
  });
  children.push(playground);
  watch('bot', bot);
  const deadline = Date.now() + PLAYGROUND_START_TIMEOUT_MS;
  let playgroundReady: WaitResult;
  do {
    playgroundReady = await waitForHttpOk(`http://127.0.0.1:${playgroundPort}/_debug/ping`, playground, 1000);
  } while (!playgroundReady.ready && playgroundReady.reason === 'timeout' && Date.now() < deadline);
  if (!playgroundReady.ready) {
    return playgroundReady.reason === 'exited'
      ? fail(`the Playground exited with code ${playgroundReady.code}; its output is above.`, playgroundReady.code || 1)
      : fail(`the Playground did not start within ${PLAYGROUND_START_TIMEOUT_MS / 1000} s.`);
  }
  watch('Playground', playground);

  const approvers = botEnv.APPROVER_IDS?.trim();
  const lines = [
    '',
    '─'.repeat(72),
    `  Open  http://localhost:${playgroundPort}   (Microsoft 365 Agents Playground, a local Teams)` +
      (playgroundPort === requestedPlaygroundPort ? '' : `; port ${requestedPlaygroundPort} was taken`),
    `  Bot   ${botUrl}/api/messages`,
    azureMode === 'sandbox'
      ? '  Data  sandbox: a simulated Azure tenant, nothing real is read or changed'
      : `  Data  AZURE_MODE=${azureMode}: real Azure, through your Azure credentials`,
    demoApprover
      ? `  Approver  Megan Bowen (${PLAYGROUND_APPROVER_AAD_OBJECT_ID}), a Playground user: see the README to approve as her`
      : approvers
        ? `  Approvers  ${approvers}`
        : `  Approvals  nobody may approve; to try them: APPROVER_IDS=${PLAYGROUND_APPROVER_AAD_OBJECT_ID} npm start (Megan Bowen approves, see README)`,
    '  Type `help` or `estimate traffic`.   Ctrl+C stops the bot and the Playground.',
    '─'.repeat(72),
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
