// Columns that grow in fixed blocks: strings kept as UTF-8 bytes, numbers in typed arrays, and a hash
// index over strings. A million ids, titles and artist names then cost their bytes and a few
// offsets, not a million heap strings (each of which, sliced from a CSV chunk, would also keep that
// whole chunk alive). Blocks, not one array that doubles: a doubling array frees its old copies,
// and at 1M rows the allocator kept about 140 MB of them as RSS.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const SHIFT = 16;
/** Entries per block of a number column. */
const BLOCK = 1 << SHIFT;
const MASK = BLOCK - 1;
/** Bytes per block of a string column (a longer string gets a block of its own size). */
const BYTE_BLOCK = 1 << 20;

type Typed = Float64Array | Int8Array | Int32Array | Uint16Array;

/** An append-only column of numbers in blocks of 65,536. */
export class NumberColumn {
  private readonly blocks: Typed[] = [];
  size = 0;

  constructor(
    private readonly make: new (length: number) => Typed,
    /** What a block holds before it is written. */
    private readonly empty = 0,
  ) {}

  push(value: number): void {
    const b = this.size >> SHIFT;
    if (b === this.blocks.length) {
      const block = new this.make(BLOCK);
      if (this.empty !== 0) block.fill(this.empty);
      this.blocks.push(block);
    }
    this.blocks[b]![this.size & MASK] = value;
    this.size++;
  }

  get(i: number): number {
    return this.blocks[i >> SHIFT]![i & MASK]!;
  }

  get byteLength(): number {
    return this.blocks.reduce((sum, b) => sum + b.byteLength, 0);
  }
}

const NO_VALUE = -2147483648;

/**
 * An append-only column of float64 values (NaN for none) that stores them as int32 while every value
 * is a whole number in int32 range (popularity, durations), and as float64 from the first value
 * that is not: 4 bytes a row instead of 8 where the data allows it, exactly the same values either way.
 */
export class ValueColumn {
  private ints: NumberColumn | undefined = new NumberColumn(Int32Array, NO_VALUE);
  private floats: NumberColumn | undefined;

  push(value: number): void {
    if (this.ints) {
      if (value !== value) return this.ints.push(NO_VALUE);
      if (Number.isInteger(value) && value > NO_VALUE && value <= 2147483647 && !Object.is(value, -0)) return this.ints.push(value);
      const floats = new NumberColumn(Float64Array, NaN);
      for (let i = 0; i < this.ints.size; i++) floats.push(this.get(i));
      this.floats = floats;
      this.ints = undefined;
    }
    this.floats!.push(value);
  }

  get(i: number): number {
    if (!this.ints) return this.floats!.get(i);
    const value = this.ints.get(i);
    return value === NO_VALUE ? NaN : value;
  }

  get byteLength(): number {
    return (this.ints ?? this.floats)!.byteLength;
  }
}

/** Writes `s` as UTF-8 at `at` (room for `3 * s.length` bytes assumed); returns the byte count. */
function writeUtf8(s: string, bytes: Uint8Array, at: number): number {
  for (let j = 0; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c > 127) return encoder.encodeInto(s, bytes.subarray(at)).written;
    bytes[at + j] = c;
  }
  return s.length;
}

/** FNV-1a over `bytes[start .. end)`. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let j = start; j < end; j++) h = Math.imul(h ^ bytes[j]!, 0x01000193);
  return h >>> 0;
}

/** An append-only column of strings, as UTF-8 in byte blocks; an entry never spans two blocks. */
export class StringColumn {
  private readonly blocks: Uint8Array[] = [];
  /** First entry of each block. */
  private readonly firstEntry: number[] = [];
  private used = 0;
  /** End of each entry within its block; not kept while every entry is empty (a column the format lacks). */
  private ends: NumberColumn | undefined;
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(s: string): number {
    const i = this.count++;
    if (s.length === 0 && !this.ends) return i;
    if (!this.ends) {
      this.ends = new NumberColumn(Int32Array);
      for (let e = 0; e < i; e++) this.ends.push(0);
    }
    const room = 3 * s.length;
    let block = this.blocks[this.blocks.length - 1];
    if (room > 0 && (!block || this.used + room > block.length)) {
      block = new Uint8Array(Math.max(BYTE_BLOCK, room));
      this.blocks.push(block);
      this.firstEntry.push(i);
      this.used = 0;
    }
    if (room > 0) this.used += writeUtf8(s, block!, this.used);
    this.ends.push(this.used);
    return i;
  }

  get(i: number): string {
    const [bytes, start, end] = this.locate(i);
    return start === end ? '' : decoder.decode(bytes.subarray(start, end));
  }

  /** The hash of entry `i`, as {@link StringIndex} computes it for a probe. */
  hash(i: number): number {
    const [bytes, start, end] = this.locate(i);
    return hashBytes(bytes, start, end);
  }

  /** Whether entry `i` holds exactly `probe[0 .. length)`. */
  equals(i: number, probe: Uint8Array, length: number): boolean {
    const [bytes, start, end] = this.locate(i);
    if (end - start !== length) return false;
    for (let j = 0; j < length; j++) if (bytes[start + j] !== probe[j]) return false;
    return true;
  }

  get byteLength(): number {
    return this.blocks.reduce((sum, b) => sum + b.byteLength, 0) + (this.ends?.byteLength ?? 0);
  }

  /** The block holding entry `i` and the entry's start and end in it. */
  private locate(i: number): [Uint8Array, number, number] {
    const ends = this.ends;
    if (!ends) return [EMPTY, 0, 0];
    const first = this.firstEntry;
    let lo = 0;
    let hi = first.length - 1;
    // The last block whose first entry is at or before i (entries before any block are empty).
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (first[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    const bytes = this.blocks[lo] ?? EMPTY;
    if (first.length === 0 || first[lo]! > i) return [EMPTY, 0, 0];
    const start = i === first[lo] ? 0 : ends.get(i - 1);
    return [bytes, start, ends.get(i)];
  }
}

const EMPTY = new Uint8Array(0);

/** Open-addressing hash index from string to entry number, over entries of a {@link StringColumn}. */
export class StringIndex {
  private slots = new Int32Array(1 << 10).fill(-1);
  /** 8 bits of each slot's hash: most slots that hold another string are passed over without reading it. */
  private tags = new Uint8Array(1 << 10);
  private count = 0;
  private probe = new Uint8Array(256);
  private probeLength = 0;

  constructor(private readonly column: StringColumn) {}

  /** The entry equal to `s`, or -1. */
  find(s: string): number {
    if (3 * s.length > this.probe.length) this.probe = new Uint8Array(3 * s.length);
    this.probeLength = writeUtf8(s, this.probe, 0);
    const mask = this.slots.length - 1;
    const hash = hashBytes(this.probe, 0, this.probeLength);
    const tag = hash >>> 24;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry < 0) return -1;
      if (this.tags[slot] === tag && this.column.equals(entry, this.probe, this.probeLength)) return entry;
    }
  }

  /** Indexes the column's entry `i` (which no indexed entry equals yet). */
  add(i: number): void {
    if (2 * (this.count + 1) > this.slots.length) this.rehash();
    this.place(i, this.column.hash(i));
    this.count++;
  }

  get byteLength(): number {
    return this.slots.byteLength + this.tags.byteLength;
  }

  private place(entry: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot]! >= 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry;
    this.tags[slot] = hash >>> 24;
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    this.tags = new Uint8Array(old.length * 2);
    for (const entry of old) if (entry >= 0) this.place(entry, this.column.hash(entry));
  }
}
