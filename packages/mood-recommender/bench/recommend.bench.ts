/**
 * Benchmark: catalog import, preparation and recommend latency on the real files and on a generated
 * 1,000,000-track catalog, plus the two measured implementation choices (hand-written CSV tokenizer
 * vs csv-parse, hand-written scan loops vs ml-distance). Each phase runs in its own child process so
 * its peak RSS is its own.
 *
 *   pnpm --filter @moodtunes/mood-recommender bench          (all phases)
 *   pnpm --filter @moodtunes/mood-recommender bench -- real  (one phase; store: the catalog store on PGlite,
 *                                                            hnsw: its HNSW indexes against exact scans)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, createWriteStream, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { parse as csvParse } from 'csv-parse/sync';
import { distance as mlDistance, similarity as mlSimilarity } from 'ml-distance';
import {
  EMOTIONS,
  STRATEGY_NAMES,
  kmeans,
  loadDefaultMoodClassifier,
  parseCatalogCsv,
  strategyIndex,
  prepareCatalog,
  recommend,
  type PreparedCatalog,
  type Track,
} from '../src/index';
import { readCatalogFile } from '../src/node';
import { CsvTokenizer, type CsvRecord } from '../src/load/csv-tokenizer';
import { createCatalogStore, openPglite } from '../src/db/index';
import { fitCopula, generateTracks } from './synthetic';

const MUSIC = fileURLToPath(new URL('../../../../shared/data/music/', import.meta.url));
const RESULTS = fileURLToPath(new URL('../../../bench-results/', import.meta.url));
const PHASES = ['real', 'synthetic-1m', 'import-1m', 'csv-parser', 'distance', 'store', 'hnsw'] as const;
type Phase = (typeof PHASES)[number];
const ONE_MILLION = 1_000_000;

const ms = (t0: number) => performance.now() - t0;
/** Wall and CPU (user + system) milliseconds of `fn`: on a shared machine the CPU time is the steadier figure. */
function measure<T>(fn: () => T): { wall: number; cpu: number; value: T } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wall = ms(t0);
  const used = process.cpuUsage(cpu0);
  return { wall, cpu: (used.user + used.system) / 1000, value };
}
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const rssMb = () => Math.round(process.memoryUsage().rss / 1048576);
/** A full collection (the phases run with --expose-gc), so RSS shows what is kept, not what awaits collection. */
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const heapMb = () => Math.round(process.memoryUsage().heapUsed / 1048576);

function percentiles(samples: number[]): { p50: number; p99: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: round(at(0.5)), p99: round(at(0.99)), mean: round(s.reduce((a, b) => a + b, 0) / s.length) };
}
const round = (x: number) => Math.round(x * 100) / 100;

/** Wall milliseconds of `runs` calls of `fn`, after one warm-up call. */
function repeat(fn: () => unknown, runs: number): number[] {
  fn();
  return Array.from({ length: runs }, () => measure(fn).wall);
}

/** Latency of each strategy x mode over `queries` calls cycling through the 7 emotions and seeds. */
function queryLatencies(prepared: PreparedCatalog, queries: number) {
  const rows: Record<string, unknown>[] = [];
  for (const strategy of STRATEGY_NAMES) {
    for (const mode of ['match', 'uplift'] as const) {
      for (let w = 0; w < 5; w++) recommend(EMOTIONS[w % 7]!, prepared, { strategy, mode, seed: w });
      const wall: number[] = [];
      const cpu: number[] = [];
      const count = mode === 'match' ? queries : Math.ceil(queries / 4);
      for (let q = 0; q < count; q++) {
        const m = measure(() => recommend(EMOTIONS[q % 7]!, prepared, { strategy, mode, seed: q }));
        wall.push(m.wall);
        cpu.push(m.cpu);
      }
      const w = percentiles(wall);
      const c = percentiles(cpu);
      rows.push({ strategy, mode, n: 40, queries: count, p50: w.p50, p99: w.p99, cpuP50: c.p50, cpuP99: c.p99 });
    }
  }
  return rows;
}

async function loadReal(): Promise<Track[]> {
  const a = await readCatalogFile(`${MUSIC}data_moods.csv`);
  const b = await readCatalogFile(`${MUSIC}SpotifyFeatures-sample.csv.gz`);
  return [...a.catalog.tracks, ...b.catalog.tracks];
}

const phases: Record<Phase | 'write-tracks-csv', () => unknown> = {
  async real() {
    const out: Record<string, unknown>[] = [];
    for (const file of ['data_moods.csv', 'SpotifyFeatures-sample.csv.gz']) {
      let t0 = performance.now();
      const { catalog } = await readCatalogFile(`${MUSIC}${file}`);
      const importMs = ms(t0);
      t0 = performance.now();
      const prepared = prepareCatalog(catalog, { strategies: STRATEGY_NAMES });
      const prepareMs = ms(t0);
      out.push({
        file,
        tracks: prepared.size,
        clusters: strategyIndex(prepared, kmeans).k,
        importMs: round(importMs),
        prepareMs: round(prepareMs),
        latency: queryLatencies(prepared, 400),
      });
    }
    return { files: out, peakRssMb: peakRssMb() };
  },

  async 'synthetic-1m'() {
    const model = fitCopula(await loadReal());
    const generated = measure(() => generateTracks(model, ONE_MILLION, 1));
    const tracks = generated.value;
    const rssAfterTracks = Math.round(process.memoryUsage().rss / 1048576);
    const vectorsOnly = measure(() => prepareCatalog(tracks, { strategies: [] }).dispose());
    let kmeansStart = 0;
    let kmeansMs = 0;
    const full = measure(() =>
      prepareCatalog(tracks, {
        strategies: STRATEGY_NAMES,
        onProgress: (p) => {
          if (p.strategy === 'kmeans' && p.fraction === 0) kmeansStart = performance.now();
          if (p.strategy === 'kmeans' && p.fraction === 1) kmeansMs = ms(kmeansStart);
        },
      }),
    );
    const prepared = full.value;
    const latency = queryLatencies(prepared, 200);
    return {
      tracks: prepared.size,
      clusters: strategyIndex(prepared, kmeans).k,
      generateMs: round(generated.wall),
      prepareVectorsOnlyMs: round(vectorsOnly.wall),
      prepareVectorsOnlyCpuMs: round(vectorsOnly.cpu),
      prepareWithKmeansMs: round(full.wall),
      prepareWithKmeansCpuMs: round(full.cpu),
      kmeansMs: round(kmeansMs),
      latency,
      rssAfterGeneratingTracksMb: rssAfterTracks,
      heapUsedMb: heapMb(),
      peakRssMb: peakRssMb(),
    };
  },

  async 'write-tracks-csv'() {
    // A 1M-row tracks.csv (1921-2020 layout, ~240 MB), written by its own process so that the
    // import phase's RSS holds nothing of the generator.
    const model = fitCopula(await loadReal());
    const path = process.env.MOODTUNES_BENCH_CSV!;
    const file = createWriteStream(path);
    file.write(
      'id,name,popularity,duration_ms,explicit,artists,id_artists,release_date,danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,time_signature\n',
    );
    for (let start = 0; start < ONE_MILLION; start += 50_000) {
      const lines = generateTracks(model, 50_000, start + 1).map((t, i) => {
        const f = t.features!;
        return `id${start + i},"Generated, track ${start + i}",${t.popularity},${Math.round(f.durationMs!)},0,"['${t.artists[0]}', ""Guest's Band""]",['x'],2001-01-01,${f.danceability},${f.energy},${f.key},${f.loudness},${f.mode},${f.speechiness},${f.acousticness},${f.instrumentalness},${f.liveness},${f.valence},${f.tempo},4`;
      });
      if (!file.write(`${lines.join('\n')}\n`)) await once(file, 'drain');
    }
    file.end();
    await once(file, 'finish');
    return { path };
  },

  async 'import-1m'() {
    // The default path end to end: stream the 1M-row tracks.csv into the columnar table (peak RSS
    // shows the text is never held whole), prepare every strategy, then query.
    const path = `${tmpdir()}/moodtunes-bench-tracks-${process.pid}.csv`;
    runPhase('write-tracks-csv', { MOODTUNES_BENCH_CSV: path });
    const rssBefore = peakRssMb();
    gc();
    const rssIdle = rssMb();
    let progressCalls = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await readCatalogFile(path, { onProgress: () => progressCalls++, progressEvery: 100_000 });
    const importMs = ms(t0);
    const cpu = process.cpuUsage(cpu0);
    const importCpuMs = (cpu.user + cpu.system) / 1000;
    rmSync(path);
    const peakImport = peakRssMb();
    gc();
    const rssAfterImport = rssMb();
    const heapWithCatalog = heapMb();
    // Then the whole default path on the imported catalog: prepare every strategy, then queries.
    let kmeansStart = 0;
    let kmeansMs = 0;
    const full = measure(() =>
      prepareCatalog(result.catalog, {
        strategies: STRATEGY_NAMES,
        onProgress: (p) => {
          if (p.strategy === 'kmeans' && p.fraction === 0) kmeansStart = performance.now();
          if (p.strategy === 'kmeans' && p.fraction === 1) kmeansMs = ms(kmeansStart);
        },
      }),
    );
    const prepared = full.value;
    return {
      rows: result.rowsRead,
      tracks: result.trackCount,
      importMs: round(importMs),
      rowsPerSecond: Math.round(result.rowsRead / (importMs / 1000)),
      importCpuMs: round(importCpuMs),
      rowsPerCpuSecond: Math.round(result.rowsRead / (importCpuMs / 1000)),
      progressCalls,
      rssIdleBeforeImportMb: rssIdle,
      rssAfterImportMb: rssAfterImport,
      catalogTableMb: result.catalog.table ? Math.round(result.catalog.table.byteLength / 1048576) : null,
      heapUsedWithCatalogMb: heapWithCatalog,
      peakRssBeforeImportMb: rssBefore,
      peakRssDuringImportMb: peakImport,
      prepareWithKmeansMs: round(full.wall),
      prepareWithKmeansCpuMs: round(full.cpu),
      kmeansMs: round(kmeansMs),
      latency: queryLatencies(prepared, 200),
      peakRssMb: peakRssMb(),
    };
  },

  async store() {
    // The catalog store on PGlite (exact scans): load time and query latency at 200,000 and 1M
    // generated tracks, each in a fresh in-memory database.
    const model = fitCopula(await loadReal());
    const out: Record<string, unknown>[] = [];
    for (const size of [200_000, ONE_MILLION]) {
      const prepared = prepareCatalog(generateTracks(model, size, 3), { strategies: [] });
      const db = await openPglite();
      const store = await createCatalogStore(db);
      const t0 = performance.now();
      await store.load(prepared, { batchSize: 5000 });
      const loadMs = ms(t0);
      const latency: Record<string, unknown>[] = [];
      for (const strategy of ['knn', 'cosine'] as const) {
        for (const mode of ['match', 'uplift'] as const) {
          const wall: number[] = [];
          for (let q = 0; q < 14; q++) {
            const t = performance.now();
            await store.recommend(EMOTIONS[q % 7]!, { strategy, mode, seed: q });
            wall.push(ms(t));
          }
          latency.push({ strategy, mode, queries: 14, ...percentiles(wall) });
        }
      }
      await db.close();
      prepared.dispose();
      out.push({ tracks: size, loadMs: round(loadMs), latency });
    }
    return { pglite: '0.4.6', sizes: out, peakRssMb: peakRssMb() };
  },

  async hnsw() {
    // HNSW against exact scans in the catalog store on PGlite, side by side on the same database:
    // index build time, query p50 of both, and recall@40 of the HNSW lists against the exact ones.
    const model = fitCopula(await loadReal());
    const out: Record<string, unknown>[] = [];
    // Generated tracks have no mood: the classifier gives them one, as an import of a real file would.
    const classifier = loadDefaultMoodClassifier();
    for (const size of [10_000, 50_000, 200_000]) {
      const prepared = prepareCatalog(generateTracks(model, size, 3), { strategies: [], classifier });
      const db = await openPglite();
      const store = await createCatalogStore(db);
      await store.load(prepared, { batchSize: 5000 });
      const build: Record<string, number> = {};
      for (const strategy of ['knn', 'cosine'] as const) {
        const t = performance.now();
        await store.createIndex({
          strategies: [strategy],
          onProgress: (p) => console.error(`  ${size} tracks: ${p.index} built (${round(ms(t) / 1000)} s)`),
        });
        build[`${strategy}Ms`] = round(ms(t));
      }
      const rows: Record<string, unknown>[] = [];
      for (const strategy of ['knn', 'cosine'] as const) {
        for (const mode of ['match', 'uplift'] as const) {
          const exactMs: number[] = [];
          const hnswMs: number[] = [];
          let found = 0;
          let wanted = 0;
          for (let q = 0; q < 14; q++) {
            const opts = { strategy, mode, seed: q } as const;
            let t = performance.now();
            const exact = await store.recommend(EMOTIONS[q % 7]!, { ...opts, search: 'exact' });
            exactMs.push(ms(t));
            t = performance.now();
            const approx = await store.recommend(EMOTIONS[q % 7]!, { ...opts, search: 'hnsw' });
            hnswMs.push(ms(t));
            const ids = new Set(exact.items.map((item) => item.track.id));
            found += approx.items.filter((item) => ids.has(item.track.id)).length;
            wanted += ids.size;
          }
          rows.push({
            strategy,
            mode,
            queries: 14,
            recallAt40: Number((found / wanted).toFixed(4)),
            exactP50Ms: percentiles(exactMs).p50,
            hnswP50Ms: percentiles(hnswMs).p50,
          });
        }
      }
      const [bytes] = (
        await db.query<{ table: string; btree: string; hnsw: string }>(
          `SELECT pg_total_relation_size('moodtunes_tracks') - pg_indexes_size('moodtunes_tracks') AS table,
             (SELECT sum(pg_relation_size(indexname::regclass)) FROM pg_indexes
              WHERE tablename = 'moodtunes_tracks' AND indexname NOT LIKE '%hnsw%') AS btree,
             (SELECT sum(pg_relation_size(indexname::regclass)) FROM pg_indexes
              WHERE tablename = 'moodtunes_tracks' AND indexname LIKE '%hnsw%') AS hnsw`,
        )
      ).rows;
      await db.close();
      prepared.dispose();
      const perTrack = (x: string | undefined) => Math.round(Number(x) / size);
      out.push({
        tracks: size,
        buildMs: build,
        indexes: 6,
        bytesPerTrack: { table: perTrack(bytes?.table), btree: perTrack(bytes?.btree), hnsw: perTrack(bytes?.hnsw) },
        rows,
      });
    }
    return { pglite: '0.4.6', efSearch: 100, sizes: out, peakRssMb: peakRssMb() };
  },

  async 'csv-parser'() {
    // Side by side on the same 200k-row text: our tokenizer vs csv-parse/sync (baseline).
    const model = fitCopula(await loadReal());
    const tracks = generateTracks(model, 200_000, 5);
    const header =
      'genre,artist_name,track_name,track_id,popularity,acousticness,danceability,duration_ms,energy,instrumentalness,key,liveness,loudness,mode,speechiness,tempo,time_signature,valence';
    const text = `${header}\n${tracks
      .map((t) => {
        const f = t.features!;
        return `Pop,"${t.artists[0]}, Jr.",${t.title},${t.id},${t.popularity},${f.acousticness},${f.danceability},${Math.round(f.durationMs!)},${f.energy},${f.instrumentalness},C#,${f.liveness},${f.loudness},Major,${f.speechiness},${f.tempo},4/4,${f.valence}`;
      })
      .join('\n')}\n`;
    const time = (fn: () => unknown) => Math.min(...repeat(fn, 3));
    const ours = time(() => {
      const out: CsvRecord[] = [];
      const tok = new CsvTokenizer();
      tok.push(text, out);
      tok.end(out);
      return out.length;
    });
    const baseline = time(() => (csvParse(text, { relax_column_count: true }) as string[][]).length);
    const fullImport = time(() => parseCatalogCsv(text).catalog.tracks.length);
    return {
      rows: tracks.length,
      megabytes: round(text.length / 1e6),
      csvParseSyncMs: round(baseline),
      ourTokenizerMs: round(ours),
      speedup: round(baseline / ours),
      ourFullImportMs: round(fullImport),
    };
  },

  distance() {
    // Cosine and Euclidean over 1M 8-d vectors: ml-distance per row vs the hand-written loop.
    const D = 8;
    const rows = ONE_MILLION;
    const data = new Float32Array(rows * D).map((_, i) => Math.sin(i * 12.9898) * 2);
    const q = Float32Array.from({ length: D }, (_, i) => (i % 3) - 1);
    const time = (fn: () => number) => percentiles(repeat(fn, 5)).p50;
    const mlCos = time(() => {
      let s = 0;
      for (let i = 0; i < rows; i++) s += mlSimilarity.cosine(data.subarray(i * D, i * D + D), q);
      return s;
    });
    const handCos = time(() => {
      let s = 0;
      let qq = 0;
      for (let d = 0; d < D; d++) qq += q[d]! * q[d]!;
      for (let i = 0; i < rows; i++) {
        let dot = 0;
        let vv = 0;
        for (let d = 0; d < D; d++) {
          const v = data[i * D + d]!;
          dot += v * q[d]!;
          vv += v * v;
        }
        s += dot / Math.sqrt(vv * qq);
      }
      return s;
    });
    const mlEuc = time(() => {
      let s = 0;
      // ml-distance-euclidean is typed number[] but only indexes, so typed arrays work.
      for (let i = 0; i < rows; i++)
        s += mlDistance.euclidean(data.subarray(i * D, i * D + D) as unknown as number[], q as unknown as number[]);
      return s;
    });
    const handEuc = time(() => {
      let s = 0;
      for (let i = 0; i < rows; i++) {
        let sum = 0;
        for (let d = 0; d < D; d++) {
          const x = data[i * D + d]! - q[d]!;
          sum += x * x;
        }
        s += Math.sqrt(sum);
      }
      return s;
    });
    return {
      rows,
      dims: D,
      cosine: { mlDistanceMs: mlCos, handLoopMs: handCos, speedup: round(mlCos / handCos) },
      euclidean: { mlDistanceMs: mlEuc, handLoopMs: handEuc, speedup: round(mlEuc / handEuc) },
    };
  },
};

/** Runs one phase in a child process of its own (so its peak RSS is its own) and returns its result. */
function runPhase(phase: Phase | 'write-tracks-csv', env: Record<string, string> = {}): unknown {
  const child = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', fileURLToPath(import.meta.url), '--phase', phase], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (child.status !== 0) throw new Error(`phase ${phase} failed with status ${child.status}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!);
}

const phaseArg = process.argv.indexOf('--phase');
if (phaseArg >= 0) {
  const phase = process.argv[phaseArg + 1] as keyof typeof phases;
  console.log(JSON.stringify(await phases[phase]()));
} else {
  const wanted = PHASES.filter((p) => process.argv.length <= 2 || process.argv.slice(2).includes(p));
  const results: Record<string, unknown> = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model };
  for (const phase of wanted) {
    process.stderr.write(`[bench] ${phase} ...\n`);
    results[phase] = runPhase(phase);
    console.log(`## ${phase}\n${JSON.stringify(results[phase], null, 2)}`);
  }
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(`${RESULTS}mood-recommender.json`, `${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write(`[bench] wrote ${RESULTS}mood-recommender.json\n`);
}
