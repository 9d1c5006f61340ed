/** Keeps the `capacity` highest-scoring indices seen; a min-heap so most pushes are one comparison. */
export class TopK {
  private readonly scores: Float64Array;
  private readonly ids: Int32Array;
  size = 0;

  constructor(readonly capacity: number) {
    this.scores = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
  }

  /** Lowest kept score (or -Infinity while not full): a cheap pre-check before `push`. */
  get threshold(): number {
    return this.size < this.capacity ? -Infinity : this.scores[0]!;
  }

  push(id: number, score: number): void {
    if (this.size < this.capacity) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.scores[parent]! <= score) break;
        this.scores[i] = this.scores[parent]!;
        this.ids[i] = this.ids[parent]!;
        i = parent;
      }
      this.scores[i] = score;
      this.ids[i] = id;
      return;
    }
    if (score <= this.scores[0]!) return;
    let i = 0;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.scores[r]! < this.scores[l]! ? r : l;
      if (this.scores[c]! >= score) break;
      this.scores[i] = this.scores[c]!;
      this.ids[i] = this.ids[c]!;
      i = c;
    }
    this.scores[i] = score;
    this.ids[i] = id;
  }

  /** Kept entries, best first. */
  sorted(): { id: number; score: number }[] {
    const out = Array.from({ length: this.size }, (_, i) => ({ id: this.ids[i]!, score: this.scores[i]! }));
    return out.sort((a, b) => b.score - a.score || a.id - b.id);
  }
}
