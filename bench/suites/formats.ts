/**
 * Encode throughput of each output format on a realistic ten-column row (HR.EMPLOYEES: NUMBER
 * keys, VARCHAR2/NVARCHAR2 text, DATE, TIMESTAMP(6), scaled NUMBERs, one NULL), cycling
 * INSERT / UPDATE (full before and after images) / DELETE over 10,000 distinct rows.
 */
import type { BenchContext } from '../run';
import type { ChangeEvent } from '../../server/model/change-event';
import { createFormat, type Format } from '../../server/formats';
import { dateTime, employeeDelete, employeeInsert, employeeUpdate } from '../../server/formats/fixtures/events';

export const name = 'formats';

const DISTINCT = 10_000;
const RUN_MS = 3_000;

function events(): ChangeEvent[] {
  const out: ChangeEvent[] = [];
  for (let i = 0; i < DISTINCT; i++) {
    const row = (salary: string) => [
      String(100000 + i),
      `First${i % 977}`,
      `Last-name-${i}`,
      `USER${i}@EXAMPLE.COM`,
      dateTime({ day: 1 + (i % 28), hour: 0, minute: 0, second: 0 }),
      salary,
      i % 3 === 0 ? null : '0.15',
      String(10 * (i % 27)),
      dateTime({ second: i % 60, nanos: (i * 1000) % 1_000_000_000 }),
      `Notes for employee ${i}: promoted, relocated to Zürich office`,
    ];
    const kind = i % 3;
    const base = kind === 0 ? employeeInsert : kind === 1 ? employeeUpdate : employeeDelete;
    out.push({
      ...base,
      scn: 5_000_000n + BigInt(i),
      commitScn: 5_000_002n + BigInt(i),
      before: kind === 0 ? null : row(`${1000 + i}.00`),
      after: kind === 2 ? null : row(`${1100 + i}.50`),
    });
  }
  return out;
}

function measure(format: Format, evs: ChangeEvent[]): { perSecond: number; avgBytes: number } {
  let id = 0;
  for (let i = 0; i < 20_000; i++) format.encode(evs[i % evs.length], { recordId: id++, nowMs: 1 }); // warm-up
  let count = 0;
  let bytes = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < RUN_MS) {
    for (let i = 0; i < 1_000; i++) bytes += format.encode(evs[(count + i) % evs.length], { recordId: id++, nowMs: 1 }).value.length;
    count += 1_000;
    elapsed = performance.now() - start;
  }
  return { perSecond: (count * 1000) / elapsed, avgBytes: bytes / count };
}

export async function run(ctx: BenchContext): Promise<Record<string, number>> {
  const evs = events();
  const avro = measure(createFormat({ name: 'dts-avro', sourceVersion: '19.0.0.0.0' }), evs);
  ctx.log(`DTS Avro: ${Math.round(avro.perSecond).toLocaleString('en-US')} records/s, ${Math.round(avro.avgBytes)} B/record`);
  const json = measure(createFormat({ name: 'shareplex-json', resolveUserId: () => 84 }), evs);
  ctx.log(`SharePlex JSON: ${Math.round(json.perSecond).toLocaleString('en-US')} records/s, ${Math.round(json.avgBytes)} B/record`);
  return {
    encode_dts_avro_records_per_s: avro.perSecond,
    encode_shareplex_json_records_per_s: json.perSecond,
    encode_dts_avro_bytes_per_record: avro.avgBytes,
    encode_shareplex_json_bytes_per_record: json.avgBytes,
  };
}
