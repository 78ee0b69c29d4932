/**
 * Strict Adaptive Card check for tests: what Teams needs (version 1.5, under 28 KB, Action.Execute with a verb) plus
 * what the official renderer understands (parse events and a JSON round trip that exposes misspelled properties).
 *
 * Why the round trip: the `adaptivecards` parser silently ignores properties it does not know (`wrapp`, `verbb`),
 * so we compare the input JSON with `card.toJSON()`. A key that disappears is a problem unless the renderer knows
 * the property for that object in 1.5 (it then only dropped a default value) or it is a Teams-only root key.
 */
import type * as ACTypes from 'adaptivecards';

// `require('adaptivecards')` resolves to an ESM build that Node cannot load (extension-less imports); the UMD
// bundle works without a DOM. The types still come from the package's own declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof ACTypes;

export const MAX_CARD_BYTES = 28 * 1024;
export const CARD_VERSION = '1.5';

/** Root keys Teams reads that the renderer may not write back. */
const TEAMS_ROOT_KEYS = new Set(['$schema', 'refresh', 'authentication', 'msteams']);

export interface ValidateCardOptions {
  /** Element types the renderer does not know but Teams does, besides the charts; they must carry a `fallback`. */
  allowedUnknownTypes?: string[];
}

/** Properties every Teams chart element takes (Teams docs, "Charts in Adaptive Cards", card version 1.5). */
const CHART_COMMON = [
  'type',
  'id',
  'fallback',
  'title',
  'colorSet',
  'color',
  'data',
  'height',
  'horizontalAlignment',
  'isVisible',
  'lang',
  'requires',
  'separator',
  'spacing',
  'targetWidth',
  'grid.area',
];
/** The chart types Teams documents, each with the properties it adds to CHART_COMMON. */
export const CHART_TYPES: Record<string, string[]> = {
  'Chart.Donut': [],
  'Chart.Pie': [],
  'Chart.Gauge': ['value', 'min', 'max', 'segments', 'valueFormat', 'subLabel', 'showLegend', 'showMinMax'],
  'Chart.HorizontalBar': ['displayMode', 'xAxisTitle', 'yAxisTitle'],
  'Chart.HorizontalBar.Stacked': ['xAxisTitle', 'yAxisTitle'],
  'Chart.VerticalBar': ['xAxisTitle', 'yAxisTitle', 'showBarValues'],
  'Chart.VerticalBar.Grouped': ['xAxisTitle', 'yAxisTitle', 'showBarValues', 'stacked'],
  'Chart.Line': ['xAxisTitle', 'yAxisTitle'],
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function validateAdaptiveCard(card: unknown, options: ValidateCardOptions = {}): string[] {
  let serialized: string;
  try {
    serialized = JSON.stringify(card);
  } catch (e) {
    return [`card is not serializable to JSON: ${(e as Error).message}`];
  }
  // Validate what would go over the wire (drops `undefined`, functions), not the JS object.
  const input = serialized === undefined ? undefined : (JSON.parse(serialized) as Json);
  if (!isObject(input)) return ['card is not a JSON object'];

  const problems: string[] = [];
  if (input.type !== 'AdaptiveCard') problems.push(`type must be "AdaptiveCard", got ${JSON.stringify(input.type)}`);
  if (input.version !== CARD_VERSION) {
    problems.push(
      `version must be "${CARD_VERSION}" (Teams needs it for Action.Execute), got ${JSON.stringify(input.version)}`,
    );
  }
  const bytes = Buffer.byteLength(serialized, 'utf8');
  if (bytes >= MAX_CARD_BYTES) problems.push(`card is ${bytes} bytes, must be under ${MAX_CARD_BYTES} (28 KB)`);

  const allowed = [...Object.keys(CHART_TYPES), ...(options.allowedUnknownTypes ?? [])];
  checkCharts(input, '', problems);
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(input, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    if (allowed.some((type) => event.message.includes(`"${type}"`))) continue;
    problems.push(
      `renderer (${AC.ValidationPhase[event.phase]}): ${AC.ValidationEvent[event.event]}: ${event.message}`,
    );
  }
  for (const event of parsed.validateProperties().validationEvents) {
    problems.push(`renderer (Validation): ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }

  const output = parsed.toJSON(context) as Json | undefined;
  compareRoundTrip(input, output, '', true, new Set(allowed), problems);
  checkExecuteVerbs(input, '', problems);
  return problems;
}

export function assertValidAdaptiveCard(card: unknown, options?: ValidateCardOptions): void {
  const problems = validateAdaptiveCard(card, options);
  if (problems.length > 0) throw new Error(`invalid Adaptive Card:\n- ${problems.join('\n- ')}`);
}

/** Walks input and round-tripped output together, reporting input keys the renderer dropped. */
function compareRoundTrip(
  input: Json,
  output: Json | undefined,
  path: string,
  isRoot: boolean,
  allowedTypes: Set<string>,
  problems: string[],
): void {
  if (Array.isArray(input)) {
    if (Array.isArray(output)) compareArrays(input, output, path, allowedTypes, problems);
    return;
  }
  if (!isObject(input) || !isObject(output)) return;
  for (const [key, value] of Object.entries(input)) {
    const childPath = path === '' ? key : `${path}.${key}`;
    if (key in output) {
      compareRoundTrip(value, output[key], childPath, false, allowedTypes, problems);
    } else if (!(isRoot && TEAMS_ROOT_KEYS.has(key)) && !isKnownDroppedKey(input, key, value)) {
      const where = typeof input.type === 'string' ? ` of ${input.type}` : '';
      problems.push(`${childPath}: property "${key}"${where} is unknown, misspelled or not supported in 1.5`);
    }
  }
}

/**
 * Pairs array items. The parser drops unknown elements or puts their fallback in their place, so pair by `type`;
 * a dropped item is reported here only when the parser has not already said why (it reports unknown types).
 */
function compareArrays(input: Json[], output: Json[], path: string, allowedTypes: Set<string>, problems: string[]) {
  let j = 0;
  input.forEach((item, i) => {
    const itemPath = `${path}[${i}]`;
    const out = output[j];
    const type = isObject(item) ? item.type : undefined;
    const outType = isObject(out) ? out.type : undefined;
    const fallback = isObject(item) ? item.fallback : undefined;
    if (typeof type !== 'string' || type === outType) {
      compareRoundTrip(item, out, itemPath, false, allowedTypes, problems);
      j++;
    } else if (isObject(fallback) && fallback.type === outType) {
      compareRoundTrip(fallback, out, `${itemPath}.fallback`, false, allowedTypes, problems);
      j++;
    } else if (isRegisteredType(type) && !allowedTypes.has(type)) {
      problems.push(`${itemPath}: element of type "${type}" was dropped by the renderer (not allowed here in 1.5?)`);
    }
  });
}

function isRegisteredType(type: string): boolean {
  return (
    AC.GlobalRegistry.elements.findByName(type) !== undefined ||
    AC.GlobalRegistry.actions.findByName(type) !== undefined
  );
}

/** Objects that are not in the element/action registries but carry a `type`. */
const NESTED_TYPED: Record<string, () => ACTypes.SerializableObject> = {
  AdaptiveCard: () => new AC.AdaptiveCard(),
  Column: () => new AC.Column(),
  TableRow: () => new AC.TableRow(),
  TableCell: () => new AC.TableCell(),
};

/** Objects without a `type` (facts, table columns, refresh…): any of their property names is accepted. */
const UNTYPED_PROPERTY_NAMES: Set<string> = (() => {
  const names = new Set<string>();
  const objects: ACTypes.SerializableObject[] = [
    new AC.Fact(),
    new AC.TableColumnDefinition(),
    new AC.RefreshDefinition(),
    new AC.BackgroundImage(),
    new AC.Choice(),
    new AC.Authentication(),
    new AC.TokenExchangeResource(),
    new AC.AuthCardButton(),
    new AC.Column(),
    new AC.TableRow(),
    new AC.TableCell(),
  ];
  for (const object of objects) for (const name of schemaNames(object)) names.add(name);
  return names;
})();

function schemaNames(object: ACTypes.SerializableObject): string[] {
  const schema = object.getSchema();
  const names: string[] = [];
  for (let i = 0; i < schema.getCount(); i++) {
    const property = schema.getItemAt(i);
    // A property newer than 1.5 is not rendered by a 1.5 host even though this renderer knows it.
    if (AC.isVersionLessOrEqual(property.targetVersion, AC.Versions.v1_5)) names.push(property.name);
  }
  return names;
}

function knownPropertyNames(object: JsonObject): Set<string> {
  const type = object.type;
  if (typeof type !== 'string') return UNTYPED_PROPERTY_NAMES;
  const instance =
    NESTED_TYPED[type]?.() ??
    AC.GlobalRegistry.elements.createInstance(type, AC.Versions.v1_5) ??
    AC.GlobalRegistry.actions.createInstance(type, AC.Versions.v1_5);
  return new Set(instance ? schemaNames(instance) : []);
}

/**
 * Names the official 1.5 JSON schema uses but this renderer spells differently: the schema has Table
 * `firstRowAsHeader`, the JS renderer reads `firstRowAsHeaders`. Both are accepted (neither is a typo).
 */
const SCHEMA_ALIASES: Record<string, Set<string>> = { Table: new Set(['firstRowAsHeader']) };

/**
 * The renderer leaves out default values (`wrap: false`, `firstRowAsHeader: true`) and empty collections, so a
 * dropped key is fine when the property exists for this object in 1.5 or the value is an empty array.
 */
function isKnownDroppedKey(object: JsonObject, key: string, value: Json): boolean {
  if (Array.isArray(value) && value.length === 0) return true;
  if (typeof object.type === 'string' && SCHEMA_ALIASES[object.type]?.has(key)) return true;
  return knownPropertyNames(object).has(key);
}

/**
 * Teams-only elements (charts) are unknown to the renderer, so the round trip cannot check them: each must carry an
 * element `fallback` (what clients without charts show, e.g. Teams on iOS) and only documented properties.
 */
function checkCharts(node: Json, path: string, problems: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => checkCharts(item, `${path}[${i}]`, problems));
    return;
  }
  if (!isObject(node)) return;
  const type = node.type;
  if (typeof type === 'string' && type.startsWith('Chart.')) {
    const extra = CHART_TYPES[type];
    if (!extra) problems.push(`${path}: "${type}" is not a chart type Teams documents`);
    else {
      const known = new Set([...CHART_COMMON, ...extra]);
      for (const key of Object.keys(node))
        if (!known.has(key)) problems.push(`${path}.${key}: property "${key}" of ${type} is not documented`);
    }
    if (!isObject(node.fallback) || typeof node.fallback.type !== 'string')
      problems.push(`${path}: ${type} needs a fallback element that says the same in text`);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'data') checkCharts(value, path === '' ? key : `${path}.${key}`, problems);
  }
}

/** Teams routes `Action.Execute` by `verb`; without one the bot cannot tell the buttons apart. */
function checkExecuteVerbs(node: Json, path: string, problems: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => checkExecuteVerbs(item, `${path}[${i}]`, problems));
    return;
  }
  if (!isObject(node)) return;
  if (node.type === 'Action.Execute' && (typeof node.verb !== 'string' || node.verb.trim() === '')) {
    problems.push(`${path || '(root)'}: Action.Execute needs a non-empty "verb"`);
  }
  for (const [key, value] of Object.entries(node)) {
    // `data` is the bot's own payload: anything may be in it.
    if (key !== 'data') checkExecuteVerbs(value, path === '' ? key : `${path}.${key}`, problems);
  }
}
