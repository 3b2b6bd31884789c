/**
 * `npm run bench`: runs every suite in bench/suites/, prints one table and writes
 * bench/results/latest.json mapping each figure name (as the issues name them) to a number.
 * A suite exports `name` and `run(ctx)` returning figures; `BENCH_ONLY=name1,name2` picks suites.
 * Figures that need two suites (CROSS_FIGURES) are added once both ran.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface BenchContext {
  /** Announce a figure as soon as it is known (also returned in the final map). */
  log(message: string): void;
}

export interface BenchSuite {
  name: string;
  run(ctx: BenchContext): Promise<Record<string, number>>;
}

async function main(): Promise<void> {
  const dir = path.join(import.meta.dirname, 'suites');
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
  const figures: Record<string, number> = {};
  const rows: [string, string, string][] = [];
  for (const file of files) {
    const suite = (await import(pathToFileURL(path.join(dir, file)).href)) as BenchSuite;
    if (only && !only.includes(suite.name)) continue;
    console.log(`\n▶ ${suite.name}`);
    const result = await suite.run({ log: (m) => console.log(`  ${m}`) });
    for (const [k, v] of Object.entries(result)) {
      figures[k] = v;
      rows.push([suite.name, k, formatNumber(v)]);
    }
  }
  for (const [figure, compute] of Object.entries(CROSS_FIGURES)) {
    const v = compute(figures);
    if (v === undefined) continue;
    figures[figure] = v;
    rows.push(['(run)', figure, formatNumber(v)]);
  }
  const w0 = Math.max(5, ...rows.map((r) => r[0].length));
  const w1 = Math.max(6, ...rows.map((r) => r[1].length));
  console.log(`\n${'suite'.padEnd(w0)}  ${'figure'.padEnd(w1)}  value`);
  console.log(`${'-'.repeat(w0)}  ${'-'.repeat(w1)}  ${'-'.repeat(14)}`);
  for (const [s, k, v] of rows) console.log(`${s.padEnd(w0)}  ${k.padEnd(w1)}  ${v.padStart(14)}`);
  const out = path.join(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  // A BENCH_ONLY run refreshes its own figures and keeps the others of the last full run.
  const file = path.join(out, 'latest.json');
  const kept = only && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>) : {};
  writeFileSync(file, JSON.stringify({ ...kept, ...figures }, null, 2) + '\n');
  console.log(`\nwrote bench/results/latest.json (${Object.keys(figures).length} figures from this run)`);
}

/**
 * Ratios of figures from different suites of the same run. full_load_vs_ceiling_ratio: the engine's
 * full load (engine suite, MB = 10^6 bytes of key + value + headers) against Kafka's own
 * transactional producer writing records of the same size and count (kafka-produce suite).
 */
const CROSS_FIGURES: Record<string, (f: Record<string, number>) => number | undefined> = {
  full_load_vs_ceiling_ratio: (f) =>
    f.full_load_mb_per_s !== undefined && f.kafka_ceiling_tx_mb_per_s !== undefined ? f.full_load_mb_per_s / f.kafka_ceiling_tx_mb_per_s : undefined,
};

function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(3);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
