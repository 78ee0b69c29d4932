import fs from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { projectRoot } from '../../util/project-root';

export type CardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string; body?: unknown[] };

/**
 * Prepared templates, one per card: preparing parses every `${…}` expression (a quarter of a `help` turn's CPU when
 * done per turn); a prepared Template can be expanded with any data, again and again (adaptivecards-templating).
 */
const templates = new Map<string, ACData.Template>();

function template(name: string): ACData.Template {
  let prepared = templates.get(name);
  if (!prepared) {
    prepared = new ACData.Template(
      JSON.parse(fs.readFileSync(path.join(projectRoot(), 'cards', `${name}.json`), 'utf8')),
    );
    templates.set(name, prepared);
  }
  return prepared;
}

/** The marker every card carries in sandbox mode, so nobody mistakes simulated numbers for their tenant's. */
const SANDBOX_MARKER = {
  type: 'Container',
  style: 'warning',
  items: [
    {
      type: 'TextBlock',
      text: 'Sandbox data: a simulated Azure tenant, not yours.',
      size: 'Small',
      weight: 'Bolder',
      wrap: true,
    },
  ],
};

/** Expands cards/<name>.json with data (adaptivecards-templating) and adds the sandbox marker when asked. */
export function renderCard(name: string, data: object, options: { sandbox: boolean }): CardJson {
  const card = template(name).expand({ $root: data }) as CardJson;
  if (card.type !== 'AdaptiveCard' || card.version !== '1.5')
    throw new Error(`card ${name} must be an AdaptiveCard 1.5`);
  if (options.sandbox) card.body = [SANDBOX_MARKER, ...(card.body ?? [])];
  return card;
}
