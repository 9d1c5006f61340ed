// The store alone, in node: no browser, no DOM.
import { describe, expect, it } from 'vitest';
import { Store } from '../src/state/store';

interface S {
  a: number;
  b: string;
  list: number[];
}

const fresh = () => new Store<S>({ a: 1, b: 'x', list: [1, 2] });

describe('Store', () => {
  it('update replaces the state object and keeps the other fields', () => {
    const store = fresh();
    const before = store.getState();
    store.update({ a: 2 });
    expect(store.getState()).toEqual({ a: 2, b: 'x', list: [1, 2] });
    expect(store.getState()).not.toBe(before);
    expect(before.a).toBe(1);
  });

  it('subscribe hears every update until unsubscribed', () => {
    const store = fresh();
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    store.update({ a: 2 });
    store.update({ a: 2 });
    unsubscribe();
    store.update({ a: 3 });
    expect(calls).toBe(2);
  });

  it('select calls now and then only when the selected value changes', () => {
    const store = fresh();
    const seen: number[] = [];
    store.select(
      (s) => s.a,
      (a) => seen.push(a),
    );
    store.update({ b: 'y' });
    store.update({ a: 5 });
    store.update({ a: 5 });
    expect(seen).toEqual([1, 5]);
  });

  it('select compares arrays element by element', () => {
    const store = fresh();
    const seen: string[] = [];
    store.select(
      (s) => [s.a, s.b],
      ([a, b]) => seen.push(`${a}${b}`),
    );
    store.update({ list: [3] });
    store.update({ b: 'z' });
    expect(seen).toEqual(['1x', '1z']);
  });

  it('onChange does not call now', () => {
    const store = fresh();
    const seen: number[] = [];
    store.onChange(
      (s) => s.a,
      (a) => seen.push(a),
    );
    expect(seen).toEqual([]);
    store.update({ a: 4 });
    expect(seen).toEqual([4]);
  });

  it('a listener that updates the store does not feed stale state to later listeners', () => {
    const store = fresh();
    store.select(
      (s) => s.a,
      (a) => a === 2 && store.update({ a: 3 }),
    );
    const seen: number[] = [];
    store.select(
      (s) => s.a,
      (a) => seen.push(a),
    );
    store.update({ a: 2 });
    expect(store.getState().a).toBe(3);
    expect(seen).toEqual([1, 3]);
  });

  it('select hears an update its own first call makes', () => {
    const store = fresh();
    const seen: number[] = [];
    store.select(
      (s) => s.a,
      (a) => {
        seen.push(a);
        if (a === 1) store.update({ a: 7 });
      },
    );
    expect(seen).toEqual([1, 7]);
  });
});
