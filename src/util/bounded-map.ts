/**
 * A Map that keeps at most `maxEntries`: `set` puts the key last (newest) and drops the oldest beyond the bound.
 * For caches whose keys come from outside (user ids, serviceUrls, conversations), so memory stays bounded.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly maxEntries: number) {
    super();
  }

  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    if (this.size > this.maxEntries) super.delete(this.keys().next().value as K);
    return this;
  }
}
