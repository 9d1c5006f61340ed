// The app's state lives in one object; views subscribe to the slice they draw.

export type Listener<T> = (value: T) => void;

export class Store<S extends object> {
  private state: S;
  private readonly listeners = new Set<() => void>();

  constructor(initial: S) {
    this.state = initial;
  }

  get(): S {
    return this.state;
  }

  update(patch: Partial<S>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener();
  }

  /**
   * Calls `listener` now and whenever `selector`'s value changes (`Object.is` by default, or per
   * element for arrays), so a view redraws only when its own data changed.
   */
  select<T>(selector: (state: S) => T, listener: Listener<T>): () => void {
    let last = selector(this.state);
    listener(last);
    const check = () => {
      const next = selector(this.state);
      if (same(last, next)) return;
      last = next;
      listener(next);
    };
    this.listeners.add(check);
    return () => this.listeners.delete(check);
  }
}

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((value, i) => Object.is(value, b[i]));
}
