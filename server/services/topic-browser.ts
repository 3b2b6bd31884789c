import type { BrowsedRecord, BrowseResult, RecordBrowseQuery } from '../model/record-browse';
import type { TaskConfig } from '../model/task-config';
import { imageText, type DecodedRecord } from '../formats';
import { createKafka } from '../kafka/client';
import { readTopic, type ReadFrom, type TopicMessage } from '../kafka/topic-reader';
import { recordReader } from '../verify/record-reader';
import { storedTaskConfig } from './stored-task-config';

/**
 * The topic browser: a task's topic read as its consumers read it (read_committed), decoded in the
 * task's format, filtered by table, operation, key, XID and SCN, up to `limit` records.
 *
 *   browseRecords(config, { from: 'time', time: '2026-12-06T10:00:00Z', table: 'HR.EMPLOYEES', key: '17', limit: 100 })
 *   → { records: [{ partition: 1, offset: '4410', op: 'UPDATE', before: {…}, after: {…}, changed: ['SALARY'] }, …], scanned: 5120, more: false }
 *
 * Reading stops at the limit or after SCAN_CAP records, and says so (`more`).
 */
export const SCAN_CAP = 200_000;

export async function browseTaskRecords(query: RecordBrowseQuery): Promise<BrowseResult> {
  return browseRecords(await storedTaskConfig(query.taskId), query);
}

export async function browseRecords(config: TaskConfig, q: RecordBrowseQuery): Promise<BrowseResult> {
  const topic = config.destination.topic;
  const kafka = createKafka(config.destination, { clientId: 'ora2kafka-browser' });
  const admin = kafka.admin();
  await admin.connect();
  const read = recordReader(config);
  const keep = matcher(q);
  const records: BrowsedRecord[] = [];
  let scanned = 0;
  try {
    const from: ReadFrom = q.from === 'offset' ? { kind: 'offset', offset: BigInt(q.offset!) } : q.from === 'time' ? { kind: 'time', ms: Date.parse(q.time!) } : { kind: 'start' };
    const result = await readTopic(kafka, admin, topic, { from }, (messages) => {
      for (const m of messages) {
        scanned++;
        const r = browsed(m, read);
        if (keep(r)) records.push(r);
        if (records.length >= q.limit || scanned >= SCAN_CAP) return false;
      }
    });
    records.sort((a, b) => a.partition - b.partition || (BigInt(a.offset) < BigInt(b.offset) ? -1 : 1));
    return { topic, records, scanned, more: result.stopped, partitions: result.partitions.map((p) => ({ partition: p.partition, earliest: String(p.earliest), end: String(p.end) })) };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function browsed(m: TopicMessage, read: (v: Buffer) => DecodedRecord): BrowsedRecord {
  const base = { partition: m.partition, offset: String(m.offset), timestampMs: m.timestampMs, key: m.key ? m.key.toString('utf8') : null };
  let r: DecodedRecord;
  try {
    if (!m.value) throw new Error('the message has no value (a tombstone)');
    r = read(m.value);
  } catch (e) {
    return { ...base, op: null, table: '', scn: null, commitScn: null, txId: '', seq: 0, before: null, after: null, changed: [], error: (e as Error).message };
  }
  const before = r.before ? imageText(r.columns, r.before) : null;
  const after = r.after ? imageText(r.columns, r.after) : null;
  const changed = r.op === 'UPDATE' && after ? Object.keys(after).filter((c) => !before || !(c in before) || before[c] !== after[c]) : [];
  return {
    ...base,
    op: r.op,
    table: r.table === '' ? r.owner : `${r.owner}.${r.table}`,
    scn: r.scn === null ? null : String(r.scn),
    commitScn: String(r.commitScn),
    txId: r.txId,
    seq: r.seq,
    before,
    after,
    changed,
    ...(r.ddl !== undefined ? { ddl: r.ddl } : {}),
  };
}

function matcher(q: RecordBrowseQuery): (r: BrowsedRecord) => boolean {
  const table = q.table?.trim().toUpperCase();
  const xid = q.xid?.trim().toUpperCase();
  const scn = q.from === 'scn' && q.scn ? BigInt(q.scn) : null;
  return (r) => {
    if (table && r.table.toUpperCase() !== table && r.table.split('.').pop()?.toUpperCase() !== table) return false;
    if (q.op && r.op !== q.op) return false;
    if (q.key !== undefined && q.key !== '' && r.key !== q.key) return false;
    if (xid && r.txId.toUpperCase() !== xid) return false;
    if (scn !== null && (r.commitScn === null || BigInt(r.commitScn) < scn)) return false;
    return true;
  };
}
