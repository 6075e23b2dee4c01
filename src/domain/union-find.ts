/** Disjoint sets over dense integer ids (path halving + union by size): millions of unions in well under a second. */
export class UnionFind {
  private parent: Int32Array;
  private size: Int32Array;
  private count = 0;

  constructor(capacity = 1024) {
    this.parent = new Int32Array(capacity);
    this.size = new Int32Array(capacity);
  }

  /** Number of elements added so far (ids 0 … length−1). */
  get length(): number {
    return this.count;
  }

  /** Adds a singleton and returns its id. */
  add(): number {
    if (this.count === this.parent.length) {
      const parent = new Int32Array(this.parent.length * 2);
      parent.set(this.parent);
      const size = new Int32Array(this.size.length * 2);
      size.set(this.size);
      this.parent = parent;
      this.size = size;
    }
    const id = this.count;
    this.parent[id] = id;
    this.size[id] = 1;
    this.count += 1;
    return id;
  }

  find(id: number): number {
    let x = id;
    const parent = this.parent;
    while (parent[x] !== x) {
      const grand = parent[parent[x] as number] as number;
      parent[x] = grand;
      x = grand;
    }
    return x;
  }

  /** Joins the sets of a and b; returns the new root. */
  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return ra;
    if ((this.size[ra] as number) < (this.size[rb] as number)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = (this.size[ra] as number) + (this.size[rb] as number);
    return ra;
  }

  componentSize(id: number): number {
    return this.size[this.find(id)] as number;
  }
}
