/**
 * Small path-aware JSON checks. Each check records "<path>: <what is wrong>" and carries on, so a caller can report
 * every problem of a file at once instead of stopping at the first.
 */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

export class Problems {
  readonly list: string[] = [];

  add(path: string, message: string): void {
    this.list.push(`${path === '' ? '(top level)' : path}: ${message}`);
  }

  /** Checks that `value` is an object; reports keys outside `allowed` (typos would otherwise be silently ignored). */
  object(value: unknown, path: string, allowed: readonly string[]): JsonObject | undefined {
    if (!isJsonObject(value)) {
      this.add(path, `must be an object, got ${describe(value)}`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      // "$schema" and "_comment"-style keys let authors annotate a file.
      if (!allowed.includes(key) && !key.startsWith('$') && !key.startsWith('_')) {
        this.add(childPath(path, key), `is not a known property (known: ${allowed.join(', ')})`);
      }
    }
    return value;
  }

  string(obj: JsonObject, key: string, path: string, required: boolean, pattern?: RegExp, hint?: string) {
    const value = obj[key];
    const at = childPath(path, key);
    if (value === undefined) {
      if (required) this.add(at, 'is required');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.add(at, `must be a string, got ${describe(value)}`);
      return undefined;
    }
    if (pattern !== undefined && !pattern.test(value)) {
      this.add(at, `must be ${hint ?? `a string matching ${pattern}`}, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(obj: JsonObject, key: string, path: string, values: readonly T[], required: boolean) {
    const value = obj[key];
    if (value === undefined) {
      if (required) this.add(childPath(path, key), `is required (one of ${values.join(', ')})`);
      return undefined;
    }
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      this.add(childPath(path, key), `must be one of ${values.join(', ')}, got ${describe(value)}`);
      return undefined;
    }
    return value as T;
  }

  number(obj: JsonObject, key: string, path: string, rule: { min: number; max?: number; integer?: boolean }) {
    const value = obj[key];
    if (value === undefined) return undefined;
    const at = childPath(path, key);
    const kind = rule.integer === true ? 'an integer' : 'a number';
    const range = rule.max === undefined ? `>= ${rule.min}` : `from ${rule.min} to ${rule.max}`;
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (rule.integer !== true || Number.isInteger(value)) &&
      value >= rule.min &&
      (rule.max === undefined || value <= rule.max);
    if (!ok) this.add(at, `must be ${kind} ${range}, got ${describe(value)}`);
    return ok ? (value as number) : undefined;
  }

  boolean(obj: JsonObject, key: string, path: string): void {
    const value = obj[key];
    if (value !== undefined && typeof value !== 'boolean') {
      this.add(childPath(path, key), `must be true or false, got ${describe(value)}`);
    }
  }

  array(obj: JsonObject, key: string, path: string, required: boolean): unknown[] | undefined {
    const value = obj[key];
    if (value === undefined) {
      if (required) this.add(childPath(path, key), 'is required (an array)');
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.add(childPath(path, key), `must be an array, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }
}
