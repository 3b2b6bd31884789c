import type { FilterExpr, FilterLiteral } from '../model/row-filter-ast';
import type { ColumnMeta } from '../model/oracle-types';
import { DIFFERENCES_LISTED, outcomeOf, type RowDifference, type TableVerification, type VerificationReport } from '../model/verification';
import { readTableChunks } from '../oracle/snapshot';
import { identityKeyText } from '../formats';
import { valueText } from '../formats/value-text';
import { differingColumns, imageObject, sameImage, type RowValues } from './row-image';
import { liveRows, newReplayTable, type ReplayTable } from './topic-replay';
import { provableScns, verificationScn } from './verification-scn';
import { initEvent } from '../model/change-event';
import { verifiedTables, type VerifiedTable } from './verified-tables';
import { replayTopic, type VerifyTaskInput } from './verify-task';

/**
 * Incremental verification: the keys changed in the last minutes, once their commit has landed
 * (commit SCN ≤ the SCN the checkpoint proves), checked against the source AS OF that SCN — without
 * reading the whole topic or the whole table.
 *
 *   records of the last 10 minutes → per key the columns those records carry (the latest value of
 *   each), or "deleted" → up to `sample` keys per table, most recently changed first → one source
 *   read per table AS OF the SCN for exactly those keys (the task's filter AND key = … OR …)
 *
 * Only the columns the recent records carry are compared (an UPDATE under PK logging carries the key
 * and the changed columns): a difference in a column no recent record touched is the full
 * verification's to find. Keys must be numeric or character columns (the lookup binds them as such);
 * a table keyed otherwise is reported as not sampled.
 */
export interface VerifyRecentInput extends VerifyTaskInput {
  /** Records written from this time on (epoch ms) are sampled. */
  sinceMs: number;
  /** Keys checked per table at most (default 100). */
  sample?: number;
}

export async function verifyRecent(input: VerifyRecentInput): Promise<VerificationReport> {
  const startedAt = new Date().toISOString();
  const { config } = input;
  const scn = verificationScn(provableScns(config, input.checkpoint, input.taskId), input.scn);
  const tables = await verifiedTables(config, input.gateway);
  const notes: string[] = [`Incremental verification: keys changed since ${new Date(input.sinceMs).toISOString()} (up to ${input.sample ?? 100} per table), only the columns their records carry.`];
  const replays = new Map<string, { vt: VerifiedTable; replay: ReplayTable }>();
  for (const vt of tables) replays.set(vt.table, { vt, replay: newReplayTable(vt.columns, vt.keyColumns ?? []) });
  const { recordsRead, recordsApplied, otherTables } = await replayTopic(input.topic, config, replays, scn, { kind: 'time', ms: input.sinceMs }, notes);
  const results: TableVerification[] = [];
  for (const { vt, replay } of replays.values()) results.push(await sampleTable(input, vt, replay, scn, input.sample ?? 100));
  return { taskId: input.taskId, scn: String(scn), topic: input.topic.topic, format: config.dataFormat, recordsRead, recordsApplied, otherTables, tables: results, outcome: outcomeOf(results), startedAt, finishedAt: new Date().toISOString(), notes };
}

async function sampleTable(input: VerifyRecentInput, vt: VerifiedTable, replay: ReplayTable, scn: bigint, sample: number): Promise<TableVerification> {
  const result: TableVerification = { table: vt.table, sourceTable: `${vt.source.owner}.${vt.source.name}`, status: 'verified', sourceRows: 0, kafkaRows: liveRows(replay), compared: 0, matched: 0, missingCount: 0, extraCount: 0, differentCount: 0, missing: [], extra: [], different: [] };
  const keySources = replay.keySlots.map((slot) => vt.source.columns[slot]);
  const unsupported = keySources.find((c) => !c || literalKind(c) === null);
  const why = vt.unprovable ?? (unsupported ? `Its key column ${unsupported.name} (${unsupported.type}) cannot be looked up by value, so recent keys are not sampled.` : null);
  if (why) return { ...result, status: 'unprovable', reason: why };
  // Most recently changed first.
  const keys = [...replay.rows].sort(([, a], [, b]) => (a.commitScn === b.commitScn ? b.seq - a.seq : a.commitScn < b.commitScn ? 1 : -1)).slice(0, sample);
  if (keys.length === 0) return result;
  const lookup: FilterExpr = { kind: 'or', items: keys.map(([key]) => ({ kind: 'and', items: splitKeyText(key).map((part, i) => ({ kind: 'compare' as const, op: '=' as const, left: { kind: 'column' as const, name: keySources[i]!.name }, right: literal(keySources[i]!, part) })) })) };
  const filter: FilterExpr = vt.filter ? { kind: 'and', items: [vt.filter, lookup] } : lookup;
  const source = new Map<string, RowValues>();
  for await (const chunk of readTableChunks(input.gateway, vt.source, { scn, chunkSize: sample + 1, filter })) {
    for (const row of chunk.rows) {
      const event = vt.map(initEvent(vt.source, row, scn));
      const values: RowValues = new Array(replay.names.length);
      for (let i = 0; i < event.columns.length; i++) values[i] = row[i] === null || row[i] === undefined ? null : valueText(event.columns[i]!, row[i]!);
      source.set(identityKeyText(event) ?? '', values);
    }
  }
  result.sourceRows = source.size;
  const list = (kind: 'missing' | 'extra' | 'different', d: RowDifference) => {
    result[`${kind}Count`]++;
    if (result[kind].length < DIFFERENCES_LISTED) result[kind].push(d);
  };
  const names = replay.names;
  for (const [key, row] of keys) {
    const src = source.get(key) ?? null;
    if (row.image === null) {
      if (src) list('missing', { key, columns: [], source: imageObject(names, src), kafka: null });
      else result.matched++;
      continue;
    }
    if (!src) {
      list('extra', { key, columns: [], source: null, kafka: imageObject(names, row.image) });
      continue;
    }
    // Only the columns the recent records carried.
    const carried = src.map((v, i) => (row.image![i] === undefined ? undefined : v));
    result.compared++;
    if (sameImage(carried, row.image)) result.matched++;
    else list('different', { key, columns: differingColumns(names, carried, row.image), source: imageObject(names, src), kafka: imageObject(names, row.image) });
  }
  if (result.missingCount + result.extraCount + result.differentCount > 0) result.status = 'differences';
  return result;
}

function literalKind(c: ColumnMeta): 'number' | 'string' | null {
  if (c.type === 'NUMBER' || c.type === 'FLOAT' || c.type === 'BINARY_FLOAT' || c.type === 'BINARY_DOUBLE') return 'number';
  if (c.type === 'VARCHAR2' || c.type === 'NVARCHAR2' || c.type === 'CHAR' || c.type === 'NCHAR') return 'string';
  return null;
}

function literal(c: ColumnMeta, text: string): FilterLiteral {
  return literalKind(c) === 'number' ? { kind: 'number', text } : { kind: 'string', value: text };
}

/** The key parts of a key text (the inverse of keyTextAt: "," separates, "\" escapes). */
export function splitKeyText(key: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < key.length; i++) {
    const c = key[i]!;
    if (c === '\\' && i + 1 < key.length) cur += key[++i];
    else if (c === ',') {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}
