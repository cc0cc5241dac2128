/** A counted item in a Space-Saving summary. */
export interface Counted<T> {
  key: string;
  item: T;
  /** estimated weight: never below the true weight, above it by at most `error` */
  weight: number;
  packets: number;
  error: number;
  /** position in the heap */
  pos: number;
}

/**
 * Weighted Space-Saving (Metwally et al.): keeps at most `capacity` items; a new item
 * evicts the lightest one and inherits its weight as error. Any item whose true weight
 * exceeds total/capacity is guaranteed to be kept. O(log capacity) per add.
 */
export class SpaceSaving<T> {
  readonly capacity: number;
  readonly #byKey = new Map<string, Counted<T>>();
  readonly #heap: Counted<T>[] = [];

  constructor(capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be at least 1');
    this.capacity = Math.floor(capacity);
  }

  get size(): number {
    return this.#heap.length;
  }

  /** weight of the lightest kept item once full, else 0 */
  get floor(): number {
    return this.#heap.length < this.capacity ? 0 : (this.#heap[0]?.weight ?? 0);
  }

  add(key: string, item: T, weight: number, packets: number): void {
    const found = this.#byKey.get(key);
    if (found) {
      found.weight += weight;
      found.packets += packets;
      this.#down(found.pos);
      return;
    }
    if (this.#heap.length < this.capacity) {
      const entry: Counted<T> = { key, item, weight, packets, error: 0, pos: this.#heap.length };
      this.#heap.push(entry);
      this.#byKey.set(key, entry);
      this.#up(entry.pos);
      return;
    }
    const min = this.#heap[0];
    if (!min) return;
    this.#byKey.delete(min.key);
    min.key = key;
    min.item = item;
    min.error = min.weight;
    min.weight += weight;
    min.packets += packets;
    this.#byKey.set(key, min);
    this.#down(0);
  }

  entries(): readonly Counted<T>[] {
    return this.#heap;
  }

  clear(): void {
    this.#byKey.clear();
    this.#heap.length = 0;
  }

  #swap(i: number, j: number): void {
    const a = this.#heap[i] as Counted<T>;
    const b = this.#heap[j] as Counted<T>;
    this.#heap[i] = b;
    this.#heap[j] = a;
    b.pos = i;
    a.pos = j;
  }

  #up(i: number): void {
    let at = i;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if ((this.#heap[parent] as Counted<T>).weight <= (this.#heap[at] as Counted<T>).weight)
        return;
      this.#swap(at, parent);
      at = parent;
    }
  }

  #down(i: number): void {
    const n = this.#heap.length;
    let at = i;
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let min = at;
      if (l < n && (this.#heap[l] as Counted<T>).weight < (this.#heap[min] as Counted<T>).weight)
        min = l;
      if (r < n && (this.#heap[r] as Counted<T>).weight < (this.#heap[min] as Counted<T>).weight)
        min = r;
      if (min === at) return;
      this.#swap(at, min);
      at = min;
    }
  }
}
