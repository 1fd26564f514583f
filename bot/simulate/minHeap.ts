/** A binary min-heap of items by a numeric key (ties in insertion order): the officers' queue. */
export class MinHeap<T> {
  private readonly keys: number[] = [];
  private readonly seqs: number[] = [];
  private readonly items: T[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(key: number, item: T): void {
    this.keys.push(key);
    this.seqs.push(this.seq++);
    this.items.push(item);
    this.up(this.items.length - 1);
  }

  pop(): T | undefined {
    const n = this.items.length;
    if (n === 0) return undefined;
    const top = this.items[0];
    this.move(n - 1, 0);
    this.keys.pop();
    this.seqs.pop();
    this.items.pop();
    if (this.items.length > 1) this.down(0);
    return top;
  }

  private less(a: number, b: number): boolean {
    const ka = this.keys[a] as number;
    const kb = this.keys[b] as number;
    return ka < kb || (ka === kb && (this.seqs[a] as number) < (this.seqs[b] as number));
  }

  private move(from: number, to: number): void {
    this.keys[to] = this.keys[from] as number;
    this.seqs[to] = this.seqs[from] as number;
    this.items[to] = this.items[from] as T;
  }

  private swap(a: number, b: number): void {
    const k = this.keys[a] as number;
    const s = this.seqs[a] as number;
    const it = this.items[a] as T;
    this.move(b, a);
    this.keys[b] = k;
    this.seqs[b] = s;
    this.items[b] = it;
  }

  private up(i: number): void {
    let c = i;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (!this.less(c, p)) break;
      this.swap(c, p);
      c = p;
    }
  }

  private down(i: number): void {
    const n = this.items.length;
    let p = i;
    for (;;) {
      const l = 2 * p + 1;
      const r = l + 1;
      let m = p;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === p) return;
      this.swap(p, m);
      p = m;
    }
  }
}
