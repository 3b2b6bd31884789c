/**
 * Redo parser throughput on one core: a 10-column INSERT and a 10-column UPDATE (SET of 3 changed
 * columns + a WHERE of all 10 old values, the shape LogMiner prints with supplemental logging ALL),
 * each with the value kinds a real table mixes (numbers, text, dates, timestamps, RAW, NULL).
 * Figure `redo_parse_statements_per_s` is the LOWER of the two statement kinds (the slower one bounds
 * the miner); both are printed, and the arrays API (parseRedoColumns) is printed for comparison.
 */
import type { BenchContext } from '../run';
import { parseRedo, parseRedoColumns } from '../../server/oracle/redo-parser';

export const name = 'redo-parser';

const VALUES = [
  (i: number) => `'${i}'`,
  () => `'Acme Widgets Ltd'`,
  (i: number) => `'${1000 + (i % 977)}.25'`,
  () => `TO_DATE('2021-03-17 10:18:55', 'YYYY-MM-DD HH24:MI:SS')`,
  () => `TO_TIMESTAMP('2020-02-01 00:00:00.123456')`,
  () => `'O''Brien'`,
  () => `NULL`,
  () => `HEXTORAW('0a1b2c3d')`,
  (i: number) => `'${i % 7}'`,
  () => `'sales@example.com'`,
];
const COLUMNS = ['EMPLOYEE_ID', 'COMPANY', 'SALARY', 'HIRE_DATE', 'UPDATED_AT', 'LAST_NAME', 'MANAGER_ID', 'BADGE', 'DEPT', 'EMAIL'];

function insertSql(i: number): string {
  return `insert into "HR"."EMPLOYEES"(${COLUMNS.map((c) => `"${c}"`).join(',')}) values (${VALUES.map((v) => v(i)).join(',')});`;
}

function updateSql(i: number): string {
  const set = [1, 2, 4].map((k) => `"${COLUMNS[k]}" = ${VALUES[k](i + 1)}`).join(', ');
  const where = COLUMNS.map((c, k) => (k === 6 ? `"${c}" IS NULL` : `"${c}" = ${VALUES[k](i)}`)).join(' and ');
  return `update "HR"."EMPLOYEES" set ${set} where ${where};`;
}

/** Statements per second of `fn` over a fixed pool of distinct strings (so nothing is cached by identity). */
function measure(pool: string[], fn: (s: string) => unknown, ms: number): number {
  let sink = 0;
  for (let w = 0; w < 20_000; w++) sink += fn(pool[w % pool.length]) ? 1 : 0; // warm-up
  let count = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let k = 0; k < 2000; k++) sink += fn(pool[(count + k) % pool.length]) ? 1 : 0;
    count += 2000;
    now = performance.now();
  }
  if (sink < 0) console.log(sink);
  return (count * 1000) / (now - start);
}

export async function run(ctx: BenchContext): Promise<Record<string, number>> {
  const inserts = Array.from({ length: 1000 }, (_, i) => insertSql(i));
  const updates = Array.from({ length: 1000 }, (_, i) => updateSql(i));
  ctx.log(`INSERT sample (${inserts[0].length} chars): ${inserts[0].slice(0, 100)}…`);
  ctx.log(`UPDATE sample (${updates[0].length} chars): ${updates[0].slice(0, 100)}…`);
  const ms = Number(process.env.REDO_BENCH_MS ?? 3000);
  const insertRate = measure(inserts, parseRedo, ms);
  const updateRate = measure(updates, parseRedo, ms);
  const insertCols = measure(inserts, parseRedoColumns, ms);
  const updateCols = measure(updates, parseRedoColumns, ms);
  ctx.log(`parseRedo INSERT ${Math.round(insertRate).toLocaleString('en-US')}/s, UPDATE ${Math.round(updateRate).toLocaleString('en-US')}/s`);
  ctx.log(`parseRedoColumns INSERT ${Math.round(insertCols).toLocaleString('en-US')}/s, UPDATE ${Math.round(updateCols).toLocaleString('en-US')}/s`);
  const lower = Math.min(insertRate, updateRate);
  ctx.log(`redo_parse_statements_per_s = lower of the two parseRedo rates = ${Math.round(lower).toLocaleString('en-US')} (target 250,000)`);
  return {
    redo_parse_statements_per_s: lower,
    redo_parse_insert_per_s: insertRate,
    redo_parse_update_per_s: updateRate,
  };
}
