/**
 * Redo parser throughput on one core: a 10-column INSERT and a 10-column UPDATE (SET of 3 changed
 * columns + a WHERE of all 10 old values, the shape LogMiner prints with supplemental logging ALL),
 * each with the value kinds a real table mixes (numbers, text, dates, timestamps, RAW, NULL).
 * Figure `redo_parse_statements_per_s` is the LOWER of the two statement kinds through parseRedo (the
 * slower one bounds the miner), per second of process CPU time — the machine may be shared, and the
 * target is per core; wall-clock rates are printed beside. parseRedoColumns (the arrays form the
 * miner uses) is reported too.
 */
import type { BenchContext } from '../run';
import { parseRedo, parseRedoColumns } from '../../server/oracle/redo';

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

interface Rate {
  /** Statements per second of process CPU time (all threads, so GC helpers count against us). */
  cpu: number;
  /** Statements per second of wall-clock time (lower when other processes share the cores). */
  wall: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Rate of `fn` over a fixed pool of distinct strings (so nothing is cached by string identity). */
function measure(pool: string[], fn: (s: string) => unknown, ms: number): Rate {
  let sink = 0;
  for (let w = 0; w < 20_000; w++) sink += fn(pool[w % pool.length]) ? 1 : 0; // warm-up (JIT)
  let count = 0;
  const wall0 = performance.now();
  const cpu0 = cpuMs();
  let cpu = cpu0;
  while (cpu - cpu0 < ms) {
    for (let k = 0; k < 2000; k++) sink += fn(pool[(count + k) % pool.length]) ? 1 : 0;
    count += 2000;
    cpu = cpuMs();
  }
  const wall = performance.now() - wall0;
  if (sink < 0) console.log(sink);
  return { cpu: (count * 1000) / (cpu - cpu0), wall: (count * 1000) / wall };
}

const fmt = (r: Rate) => `${Math.round(r.cpu).toLocaleString('en-US')}/s CPU (${Math.round(r.wall).toLocaleString('en-US')}/s wall)`;

export async function run(ctx: BenchContext): Promise<Record<string, number>> {
  // Flat strings, as oracledb hands SQL_REDO over (not ropes left by template concatenation).
  const flat = (s: string) => JSON.parse(JSON.stringify(s)) as string;
  const inserts = Array.from({ length: 1000 }, (_, i) => flat(insertSql(i)));
  const updates = Array.from({ length: 1000 }, (_, i) => flat(updateSql(i)));
  ctx.log(`INSERT sample (${inserts[0].length} chars): ${inserts[0].slice(0, 100)}…`);
  ctx.log(`UPDATE sample (${updates[0].length} chars): ${updates[0].slice(0, 100)}…`);
  const ms = Number(process.env.REDO_BENCH_MS ?? 3000);
  const insert = measure(inserts, parseRedo, ms);
  const update = measure(updates, parseRedo, ms);
  const insertCols = measure(inserts, parseRedoColumns, ms);
  const updateCols = measure(updates, parseRedoColumns, ms);
  ctx.log(`parseRedo         INSERT ${fmt(insert)}, UPDATE ${fmt(update)}`);
  ctx.log(`parseRedoColumns  INSERT ${fmt(insertCols)}, UPDATE ${fmt(updateCols)}  (the miner's path)`);
  const lower = Math.min(insert.cpu, update.cpu);
  ctx.log(`redo_parse_statements_per_s = the LOWER of parseRedo INSERT/UPDATE per CPU-second = ${Math.round(lower).toLocaleString('en-US')} (target 250,000)`);
  return {
    redo_parse_statements_per_s: lower,
    redo_parse_insert_per_s: insert.cpu,
    redo_parse_update_per_s: update.cpu,
    redo_parse_columns_insert_per_s: insertCols.cpu,
    redo_parse_columns_update_per_s: updateCols.cpu,
  };
}
