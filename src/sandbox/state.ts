/**
 * Changes made through the sandbox (a pricing PUT today, onboarded APIs later), kept like real Azure state: in
 * `<dataDir>/sandbox-state-<hash of the scenario file's absolute path>.json`, layered over the scenario at start.
 * Generic on purpose: per subscription, a JSON object of named overrides whose shape the owning route decides.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeAtomically } from './atomic-file';
import { isJsonObject, type JsonObject } from './validation';

interface StateDocument {
  /** Which scenario file this state belongs to (for people reading the folder). */
  scenarioPath: string;
  /** Lower-case subscription id → override name → value. */
  subscriptions: Record<string, JsonObject>;
}

export class SandboxState {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    readonly filePath: string,
    private readonly doc: StateDocument,
  ) {}

  static async load(dataDir: string, scenarioPath: string): Promise<SandboxState> {
    await mkdir(dataDir, { recursive: true });
    const absolute = await realpath(scenarioPath).catch(() => resolve(scenarioPath));
    const hash = createHash('sha256').update(absolute).digest('hex').slice(0, 12);
    const filePath = join(dataDir, `sandbox-state-${hash}.json`);
    let text: string | undefined;
    try {
      text = await readFile(filePath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return new SandboxState(filePath, text === undefined ? emptyDoc(absolute) : parseDoc(text, filePath, absolute));
  }

  get(subscriptionId: string, key: string): unknown {
    return this.doc.subscriptions[subscriptionId.toLowerCase()]?.[key];
  }

  /** Sets an override and resolves once it is on disk. Writes are queued so the file always ends with the last one. */
  set(subscriptionId: string, key: string, value: unknown): Promise<void> {
    const id = subscriptionId.toLowerCase();
    const overrides = this.doc.subscriptions[id] ?? {};
    overrides[key] = value;
    this.doc.subscriptions[id] = overrides;
    const text = `${JSON.stringify(this.doc, null, 2)}\n`;
    const write = this.writing.then(() => writeAtomically(this.filePath, text));
    this.writing = write.catch(() => undefined);
    return write;
  }

  /** Resolves when every queued write has finished (or failed). */
  flush(): Promise<void> {
    return this.writing;
  }
}

function emptyDoc(scenarioPath: string): StateDocument {
  return { scenarioPath, subscriptions: {} };
}

function parseDoc(text: string, filePath: string, scenarioPath: string): StateDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(
      `The sandbox state file ${filePath} is not valid JSON (${(err as Error).message}); delete it to start afresh.`,
    );
  }
  if (!isJsonObject(json) || !isJsonObject(json.subscriptions)) {
    throw new Error(`The sandbox state file ${filePath} has no "subscriptions" object; delete it to start afresh.`);
  }
  const subscriptions: Record<string, JsonObject> = {};
  for (const [id, overrides] of Object.entries(json.subscriptions)) {
    if (isJsonObject(overrides)) subscriptions[id.toLowerCase()] = overrides;
  }
  return { scenarioPath, subscriptions };
}
