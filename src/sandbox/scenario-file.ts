import { readFile } from 'node:fs/promises';
import type { Scenario } from './scenario';
import { validateScenario } from './scenario-validation';

/** Reads and validates a scenario file; throws one Error that lists every problem found. */
export async function loadScenario(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read the sandbox scenario file ${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`The sandbox scenario file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  const problems = validateScenario(json);
  if (problems.length > 0) {
    const list = problems.map((p) => `  - ${p}`).join('\n');
    throw new Error(`The sandbox scenario file ${path} has ${problems.length} problem(s):\n${list}`);
  }
  return json as Scenario;
}
