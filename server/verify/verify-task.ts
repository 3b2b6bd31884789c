import type { TaskCheckpoint } from '../model/pending-record';
import type { TaskConfig } from '../model/task-config';
import { DIFFERENCES_LISTED, outcomeOf, type RowDifference, type TableVerification, type VerificationReport } from '../model/verification';
import type { OracleGateway } from '../oracle/gateway';
import { readTableChunks } from '../oracle/snapshot';
import { identityKeyText } from '../formats';
import { valueText } from '../formats/value-text';
import type { OnMessages, ReadFrom, TopicRead } from '../kafka/topic-reader';
import { recordReader } from './record-reader';
import { differingColumns, imageObject, sameImage, type RowValues } from './row-image';
import { applyRecord, liveRows, newReplayTable, type ReplayTable } from './topic-replay';
import { provableScns, verificationScn } from './verification-scn';
import { initEvent } from '../model/change-event';
import { verifiedTables, type VerifiedTable } from './verified-tables';

/**
 * Full verification of one task: the source's rows AS OF an SCN against the replay of the task's
 * topic up to that SCN, per key.
 *
 *   1. the SCN: asked for, or the highest the task's committed checkpoint proves complete
 *   2. the tables as the task migrates them (engine table list, mapping, row filter)
 *   3. the topic read read_committed from its start; records committed after the SCN are left out
 *   4. each source row read AS OF the SCN (the full load's own chunk reader and filter), mapped,
 *      and matched by key with the replayed row: the same normalised values, or a difference
 *      naming the columns; replayed rows no source row matched (never marked seen) are extra
 *
 * Limits are reported, never guessed: a partition whose earliest offset is above 0 (retention
 * deleted records) makes every table unprovable; so does a task without full data migration, a
 * table without a key, or one whose operations the task does not all migrate.
 */
export interface TopicSource {
  topic: string;
  /** Reads the task's topic from `from`, read_committed, up to the end measured when it begins. */
  read(onMessages: OnMessages, from: ReadFrom): Promise<TopicRead>;
}

/** Replays the topic from `from` into the tables' replays: records committed after `scn` and DDL left out. */
export async function replayTopic(topic: TopicSource, config: TaskConfig, replays: Map<string, { replay: ReplayTable; vt: VerifiedTable }>, scn: bigint, from: ReadFrom, notes: string[]) {
  const read = recordReader(config);
  const other = new Map<string, number>();
  let recordsRead = 0;
  let recordsApplied = 0;
  let undecodable = 0;
  let firstUndecodable = '';
  const topicRead = await topic.read((messages) => {
    for (const m of messages) {
      if (!m.value) continue;
      recordsRead++;
      let r;
      try {
        r = read(m.value);
      } catch (e) {
        if (undecodable++ === 0) firstUndecodable = `partition ${m.partition} offset ${m.offset}: ${(e as Error).message}`;
        continue;
      }
      if (r.op === 'DDL' || r.commitScn > scn) continue;
      const name = `${r.owner}.${r.table}`;
      const t = replays.get(name);
      if (!t) {
        other.set(name, (other.get(name) ?? 0) + 1);
        continue;
      }
      if (t.vt.keyColumns) applyRecord(t.replay, r);
      recordsApplied++;
    }
  }, from);
  if (undecodable > 0) notes.push(`${undecodable} record(s) could not be read as ${config.dataFormat} and were left out (first: ${firstUndecodable}).`);
  return { recordsRead, recordsApplied, otherTables: [...other].map(([table, records]) => ({ table, records })), topicRead };
}

export interface VerifyTaskInput {
  taskId: string;
  config: TaskConfig;
  gateway: OracleGateway;
  checkpoint: TaskCheckpoint | null;
  topic: TopicSource;
  scn?: bigint;
  chunkSize?: number;
}

export async function verifyTask(input: VerifyTaskInput): Promise<VerificationReport> {
  const startedAt = new Date().toISOString();
  const { config } = input;
  const scn = verificationScn(provableScns(config, input.checkpoint, input.taskId), input.scn);
  const tables = await verifiedTables(config, input.gateway);
  const notes: string[] = [];
  const replays = new Map<string, { vt: VerifiedTable; replay: ReplayTable }>();
  for (const vt of tables) replays.set(vt.table, { vt, replay: newReplayTable(vt.columns, vt.keyColumns ?? []) });

  const { recordsRead, recordsApplied, otherTables, topicRead } = await replayTopic(input.topic, config, replays, scn, { kind: 'start' }, notes);
  const truncated = topicRead.partitions.filter((p) => p.earliest > 0n);
  let everyTable: string | null = null;
  if (truncated.length > 0) {
    everyTable = `Records were deleted from topic ${input.topic.topic} (retention or compaction: ${truncated.map((p) => `partition ${p.partition} starts at offset ${p.earliest}`).join(', ')}), so the topic can no longer rebuild whole tables.`;
  } else if (!config.migrationTypes.full) {
    everyTable = 'The task has no full data migration: its topic holds only the changes after its start, not whole tables.';
  }
  if (everyTable) notes.push(everyTable);

  const results: TableVerification[] = [];
  for (const { vt, replay } of replays.values()) results.push(await compareTable(input, vt, replay, scn, vt.unprovable ?? everyTable));
  return {
    taskId: input.taskId,
    scn: String(scn),
    topic: input.topic.topic,
    format: config.dataFormat,
    recordsRead,
    recordsApplied,
    otherTables,
    tables: results,
    outcome: outcomeOf(results),
    startedAt,
    finishedAt: new Date().toISOString(),
    notes,
  };
}

async function compareTable(input: VerifyTaskInput, vt: VerifiedTable, replay: ReplayTable, scn: bigint, unprovable: string | null): Promise<TableVerification> {
  const result: TableVerification = {
    table: vt.table,
    sourceTable: `${vt.source.owner}.${vt.source.name}`,
    status: 'verified',
    sourceRows: 0,
    kafkaRows: liveRows(replay),
    compared: 0,
    matched: 0,
    missingCount: 0,
    extraCount: 0,
    differentCount: 0,
    missing: [],
    extra: [],
    different: [],
  };
  const names = replay.names;
  const list = (kind: 'missing' | 'extra' | 'different', d: RowDifference) => {
    result[`${kind}Count`]++;
    if (result[kind].length < DIFFERENCES_LISTED) result[kind].push(d);
  };
  for await (const chunk of readTableChunks(input.gateway, vt.source, { scn, chunkSize: input.chunkSize ?? 5000, ...(vt.filter ? { filter: vt.filter } : {}) })) {
    result.sourceRows += chunk.rows.length;
    if (unprovable) continue;
    for (const row of chunk.rows) {
      const event = vt.map(initEvent(vt.source, row, scn));
      const key = identityKeyText(event) ?? '';
      // Slots beyond the table's columns (only records carried them) stay undefined: a difference.
      const source: RowValues = new Array(names.length);
      for (let i = 0; i < event.columns.length; i++) source[i] = row[i] === null || row[i] === undefined ? null : valueText(event.columns[i]!, row[i]!);
      const replayed = replay.rows.get(key);
      if (replayed) replayed.seen = true;
      const kafka = replayed?.image ?? null;
      if (kafka === null) {
        list('missing', { key, columns: [], source: imageObject(names, source), kafka: null });
        continue;
      }
      result.compared++;
      if (sameImage(source, kafka)) result.matched++;
      else list('different', { key, columns: differingColumns(names, source, kafka), source: imageObject(names, source), kafka: imageObject(names, kafka) });
    }
  }
  for (const [key, row] of replay.rows) if (!unprovable && row.image !== null && !row.seen) list('extra', { key, columns: [], source: null, kafka: imageObject(names, row.image) });
  if (unprovable) return { ...result, status: 'unprovable', reason: unprovable };
  if (result.missingCount + result.extraCount + result.differentCount > 0) result.status = 'differences';
  return result;
}
