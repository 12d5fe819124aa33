// A binary heap of queued pods keyed by uid, with removal by key: the scheduling queue's activeQ
// and backoffQ (pkg/scheduler/backend/heap).

export class PodHeap<T extends { readonly uid: string }> {
  readonly #items: T[] = [];
  readonly #index = new Map<string, number>();
  readonly #less: (a: T, b: T) => boolean;

  constructor(less: (a: T, b: T) => boolean) {
    this.#less = less;
  }

  get size(): number {
    return this.#items.length;
  }

  has(uid: string): boolean {
    return this.#index.has(uid);
  }

  get(uid: string): T | undefined {
    const at = this.#index.get(uid);
    return at === undefined ? undefined : this.#items[at];
  }

  peek(): T | undefined {
    return this.#items[0];
  }

  /** Adds, or replaces the item with the same uid and restores the order. */
  push(item: T): void {
    const at = this.#index.get(item.uid);
    if (at !== undefined) {
      this.#items[at] = item;
      this.#fix(at);
      return;
    }
    this.#items.push(item);
    this.#index.set(item.uid, this.#items.length - 1);
    this.#up(this.#items.length - 1);
  }

  pop(): T | undefined {
    const top = this.#items[0];
    if (top !== undefined) this.delete(top.uid);
    return top;
  }

  delete(uid: string): T | undefined {
    const at = this.#index.get(uid);
    if (at === undefined) return undefined;
    const item = this.#items[at]!;
    const last = this.#items.pop()!;
    this.#index.delete(uid);
    if (at < this.#items.length) {
      this.#items[at] = last;
      this.#index.set(last.uid, at);
      this.#fix(at);
    }
    return item;
  }

  /** The items in heap order (not sorted). */
  values(): readonly T[] {
    return this.#items;
  }

  #fix(at: number): void {
    if (!this.#up(at)) this.#down(at);
  }

  #up(at: number): boolean {
    const items = this.#items;
    let moved = false;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.#less(items[at]!, items[parent]!)) break;
      this.#swap(at, parent);
      at = parent;
      moved = true;
    }
    return moved;
  }

  #down(at: number): void {
    const items = this.#items;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= items.length) return;
      const right = left + 1;
      const child = right < items.length && this.#less(items[right]!, items[left]!) ? right : left;
      if (!this.#less(items[child]!, items[at]!)) return;
      this.#swap(at, child);
      at = child;
    }
  }

  #swap(a: number, b: number): void {
    const items = this.#items;
    const x = items[a]!;
    const y = items[b]!;
    items[a] = y;
    items[b] = x;
    this.#index.set(y.uid, a);
    this.#index.set(x.uid, b);
  }
}
