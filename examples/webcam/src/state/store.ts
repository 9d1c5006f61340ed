// The app's state lives in one object; views and effects subscribe to the slice they need.

/** Holds one state object, replaced (never mutated) by {@link Store.update}, and tells listeners. */
export class Store<S extends object> {
  private state: S;
  private readonly listeners = new Set<() => void>();

  constructor(initial: S) {
    this.state = initial;
  }

  /** The current state; change it only through {@link Store.update}. */
  getState(): Readonly<S> {
    return this.state;
  }

  /** Merges `patch` into a new state object and calls every listener. */
  update(patch: Partial<S>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener();
  }

  /** Calls `listener` after every update; returns a function that unsubscribes it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `listener` whenever `selector`'s value changes (`Object.is`, or per element for arrays),
   * but not now: for effects such as saving a setting that must not run on page load.
   */
  onChange<T>(selector: (state: Readonly<S>) => T, listener: (value: T) => void): () => void {
    let last = selector(this.state);
    return this.subscribe(() => {
      // Read the newest state: an update made by an earlier listener has already been seen.
      const next = selector(this.state);
      if (same(last, next)) return;
      last = next;
      listener(next);
    });
  }

  /** Calls `listener` now and whenever `selector`'s value changes, so a view redraws only when its data changed. */
  select<T>(selector: (state: Readonly<S>) => T, listener: (value: T) => void): () => void {
    // Subscribed first, so an update made by the first call is not missed.
    const unsubscribe = this.onChange(selector, listener);
    listener(selector(this.state));
    return unsubscribe;
  }
}

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((value, i) => Object.is(value, b[i]));
}
