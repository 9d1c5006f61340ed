// Classification metrics from a confusion matrix (rows = true class, columns = predicted).

/** Precision, recall and F1 of one class. */
export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Rows whose true class is this one. */
  support: number;
}

/** Everything the eval command prints and writes. */
export interface MetricsReport {
  classes: string[];
  /** `matrix[true][predicted]` counts. */
  matrix: number[][];
  total: number;
  accuracy: number;
  /** Unweighted means over classes (a class with no predictions has precision 0). */
  macro: { precision: number; recall: number; f1: number };
  perClass: ClassMetrics[];
}

/** A k x k zero matrix. */
export function emptyMatrix(k: number): number[][] {
  return Array.from({ length: k }, () => new Array<number>(k).fill(0));
}

/** Adds one (true, predicted) pair. */
export function addToMatrix(matrix: number[][], truth: number, predicted: number): void {
  const row = matrix[truth];
  if (!row || predicted < 0 || predicted >= row.length) throw new RangeError(`class index out of range: ${truth}, ${predicted}`);
  row[predicted] = (row[predicted] ?? 0) + 1;
}

/** Accuracy, per-class and macro precision/recall/F1 of a confusion matrix. */
export function metricsFromMatrix(matrix: number[][], classes: readonly string[]): MetricsReport {
  const k = classes.length;
  const at = (r: number, c: number) => matrix[r]?.[c] ?? 0;
  let total = 0;
  let correct = 0;
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) total += at(r, c);
    correct += at(r, r);
  }
  const perClass = classes.map((label, i) => {
    let predicted = 0;
    let support = 0;
    for (let j = 0; j < k; j++) {
      predicted += at(j, i);
      support += at(i, j);
    }
    const tp = at(i, i);
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  const mean = (key: 'precision' | 'recall' | 'f1') => perClass.reduce((s, m) => s + m[key], 0) / k;
  return {
    classes: [...classes],
    matrix: matrix.map((row) => [...row]),
    total,
    accuracy: total > 0 ? correct / total : 0,
    macro: { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') },
    perClass,
  };
}

/** The report as aligned plain-text tables. */
export function formatReport(name: string, report: MetricsReport): string {
  const pct = (v: number) => `${(v * 100).toFixed(2)}%`.padStart(8);
  const width = Math.max(8, ...report.classes.map((c) => c.length));
  const lines = [
    `${name}: accuracy ${pct(report.accuracy).trim()} on ${report.total} rows; macro precision ${pct(report.macro.precision).trim()}, recall ${pct(report.macro.recall).trim()}, F1 ${pct(report.macro.f1).trim()}`,
    '',
    `${'class'.padEnd(width)} precision   recall       F1  support`,
    ...report.perClass.map(
      (m) => `${m.label.padEnd(width)} ${pct(m.precision)} ${pct(m.recall)} ${pct(m.f1)} ${String(m.support).padStart(8)}`,
    ),
    '',
    `confusion matrix (rows = true, columns = predicted)`,
    `${''.padEnd(width)} ${report.classes.map((c) => c.slice(0, 7).padStart(7)).join(' ')}`,
    ...report.matrix.map((row, i) => `${(report.classes[i] ?? '').padEnd(width)} ${row.map((v) => String(v).padStart(7)).join(' ')}`),
  ];
  return lines.join('\n');
}
