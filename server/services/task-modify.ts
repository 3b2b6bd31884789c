import { randomBytes } from 'node:crypto';
import { Ora2KafkaError, ValidationError } from '../model/errors';
import { ObjectMapper } from '../model/task-mapping';
import { objectSelectionSchema, type ObjectSelection, type ObjectSelectionInput } from '../model/task-objects';
import { TASK_STATUS_LABEL } from '../model/task-status';
import type { OracleGateway } from '../oracle/gateway';
import { pagingKey } from '../oracle/snapshot';
import { appendTaskLog, getTaskStatus, loadTaskForConnectors, saveRunningObjects } from '../store/task-repository';
import { sourceItems } from './precheck-source';
import { catalogIssues, withTaskGateway } from './source-catalog';
import { engineReload } from './task-control';

/**
 * Modify Objects and Re-read on a task that is migrating (DTS "Modify Objects"): the change is
 * checked, saved, and the task's runner restarts from its checkpoint with it — the stream goes on
 * from where it was, nothing is skipped or repeated.
 *
 *   modifyTaskObjects(id, { schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES' }, { name: 'JOBS' }] }] }, 'alice')
 *   → { added: ['HR.JOBS'], removed: [], snapshotId: 'add-5f3a…' }
 *
 * - Added tables (or whole schemas) go through a precheck of their own (keys, supplemental
 *   logging, privileges, names, types); a failed item refuses the change. Their rows are then read
 *   while the stream runs (engine/phases/streaming-snapshot.ts) and their changes follow.
 * - Removed tables: no record of them after the position the change applied at.
 * - Refused, with the reason: a kept table's new name, column names or filter (Kafka would hold
 *   its rows in two shapes, or miss rows the old filter left out — remove the table, then add it
 *   back with the new settings, or re-read it after a filter change is made with a new task);
 *   a kept table's new partition key (a row's later changes would land in another partition than
 *   its earlier ones, and per-key order in Kafka would break);
 *   an added table without a primary key or NOT NULL unique key (its rows cannot be read in key
 *   order while changes stream). Changing a table's operations is safe: it applies from the change on.
 */
export interface ObjectsChange {
  added: string[];
  removed: string[];
  snapshotId: string | null;
  warnings: string[];
}

const RUNNING = ['Migrating', 'Retrying', 'Paused'] as const;

export async function modifyTaskObjects(taskId: string, input: ObjectSelectionInput, by: string): Promise<ObjectsChange> {
  const { name, status } = await getTaskStatus(taskId);
  if (!(RUNNING as readonly string[]).includes(status)) {
    throw new Ora2KafkaError('CONFLICT', `Task "${name}" is ${TASK_STATUS_LABEL[status]}; Modify Objects changes a task that is migrating or paused.`, {
      hint: 'A task that has not started is changed in the wizard (Edit Task).',
    });
  }
  const parsed = objectSelectionSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError('objects', `Selected Objects: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const objects = parsed.data;
  const config = await loadTaskForConnectors(taskId);
  const before = objectSelectionSchema.parse(config.objects);
  const change = await withTaskGateway(taskId, async (gw) => {
    const issues = await catalogIssues(gw, objects);
    if (issues.length > 0) throw new ValidationError(issues[0]!.path, issues.map((i) => i.message).join(' '));
    const [was, now] = [await tablesOf(gw, before), await tablesOf(gw, objects)];
    const added = [...now].filter((t) => !was.has(t)).sort();
    const removed = [...was].filter((t) => !now.has(t)).sort();
    const refused = mappingChanges(before, objects, [...now].filter((t) => was.has(t)));
    for (const t of added) {
      const [owner, table] = split(t);
      if (pagingKey(await gw.describeTable(owner, table))[0] === 'ROWID') refused.push(`${t} has no primary key or NOT NULL unique key, so its rows cannot be read in key order while changes stream; add a key first.`);
    }
    if (refused.length > 0) throw new Ora2KafkaError('CONFLICT', `Modify Objects refused: ${refused.join(' ')}`, { hint: 'Nothing was changed. Remove the table and add it back with the new settings, or keep its current ones.' });
    return { added, removed };
  });
  const warnings: string[] = [];
  if (change.added.length > 0) {
    // The added objects' own precheck, on the task's source.
    const items = await sourceItems({ source: config.source as never, types: { schema: false, full: true, incremental: true }, objects: onlyTables(objects, change.added) });
    const failed = items.filter((i) => i.status === 'failed');
    if (failed.length > 0) {
      throw new Ora2KafkaError('PRECHECK_FAILED', `The precheck of the added objects failed: ${failed.map((i) => `${i.code}: ${i.detail ?? ''}`).join(' ')}`, { hint: failed.map((i) => i.hint).filter(Boolean).join(' ') || 'Fix the items and try again; nothing was changed.' });
    }
    warnings.push(...items.filter((i) => i.status === 'warning').map((i) => `${i.code}: ${i.detail ?? ''}`));
  }
  if (change.added.length === 0 && change.removed.length === 0 && JSON.stringify(before) === JSON.stringify(objects)) return { ...change, snapshotId: null, warnings };
  const snapshotId = change.added.length > 0 ? `add-${randomBytes(4).toString('hex')}` : null;
  const snapshots = keepRecent([...requestsOf(config), ...(snapshotId ? [{ id: snapshotId, mode: 'add' as const, tables: change.added }] : [])]);
  await saveRunningObjects(taskId, objects, snapshots);
  await appendTaskLog(taskId, 'INFO', `Objects modified by ${by}: ${change.added.length ? `added ${change.added.join(', ')} (read while migrating)` : 'nothing added'}; ${change.removed.length ? `removed ${change.removed.join(', ')}` : 'nothing removed'}.`);
  for (const w of warnings) await appendTaskLog(taskId, 'WARN', `Precheck of the added objects: ${w}`);
  await engineReload(taskId);
  return { ...change, snapshotId, warnings };
}

/** Re-reads tables of a migrating task while its stream goes on; their rows arrive again as INIT records. */
export async function resnapshotTables(taskId: string, tables: string[], by: string): Promise<{ snapshotId: string }> {
  const { name, status } = await getTaskStatus(taskId);
  if (!(RUNNING as readonly string[]).includes(status)) throw new Ora2KafkaError('CONFLICT', `Task "${name}" is ${TASK_STATUS_LABEL[status]}; only a task that is migrating or paused can re-read tables.`);
  const config = await loadTaskForConnectors(taskId);
  const current = objectSelectionSchema.parse(config.objects);
  const mapper = new ObjectMapper(current);
  const unknown = tables.filter((t) => !mapper.selects(...split(t)));
  if (tables.length === 0 || unknown.length > 0) throw new ValidationError('tables', tables.length === 0 ? 'Choose at least one table to re-read.' : `Not among the task's objects: ${unknown.join(', ')}. Re-read only tables the task migrates (OWNER.TABLE).`);
  await withTaskGateway(taskId, async (gw) => {
    for (const t of tables) {
      if (pagingKey(await gw.describeTable(...split(t)))[0] === 'ROWID') throw new ValidationError('tables', `${t} has no primary key or NOT NULL unique key, so it cannot be re-read while changes stream.`);
    }
  });
  const snapshotId = `reread-${randomBytes(4).toString('hex')}`;
  await saveRunningObjects(taskId, current, keepRecent([...requestsOf(config), { id: snapshotId, mode: 'reread', tables }]));
  await appendTaskLog(taskId, 'INFO', `Re-read of ${tables.join(', ')} requested by ${by}; the stream goes on while the rows are read.`);
  await engineReload(taskId);
  return { snapshotId };
}

/** The task's snapshot requests so far (TaskConfig.snapshots). */
function requestsOf(config: Record<string, unknown>): { id: string; mode: 'add' | 'reread'; tables: string[] }[] {
  return Array.isArray(config.snapshots) ? (config.snapshots as { id: string; mode: 'add' | 'reread'; tables: string[] }[]) : [];
}

/**
 * The newest requests only: one a runner has started lives on in the task's checkpoint whatever
 * the configuration says, so the list needs only those not yet picked up (the schema allows 100).
 */
const RECENT_REQUESTS = 50;
function keepRecent<T>(requests: T[]): T[] {
  return requests.slice(-RECENT_REQUESTS);
}

async function tablesOf(gw: OracleGateway, objects: ObjectSelection): Promise<Set<string>> {
  const out = new Set<string>();
  for (const s of objects.schemas) {
    const names = s.all ? (await gw.listTables(s.name)).map((t) => t.name) : s.tables.map((t) => t.name);
    for (const n of names) out.add(`${s.name}.${n}`);
  }
  return out;
}

/** Kept tables whose Kafka names, filter or partition key would change: refused (see the module comment). */
function mappingChanges(before: ObjectSelection, after: ObjectSelection, kept: string[]): string[] {
  const [a, b] = [new ObjectMapper(before), new ObjectMapper(after)];
  const out: string[] = [];
  for (const t of kept) {
    const [owner, table] = split(t);
    const [x, y] = [a.table(owner, table), b.table(owner, table)];
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push(`${t} would be written under a new name.`);
    const cols = (m: ObjectMapper) => JSON.stringify((m.tableSelection(owner, table)?.columns ?? []).map((c) => [c.name, m.column(owner, table, c.name)]));
    if (cols(a) !== cols(b)) out.push(`${t} would have renamed columns.`);
    if (a.filterText(owner, table) !== b.filterText(owner, table)) out.push(`${t} would get a new filter.`);
    const key = (m: ObjectMapper) => JSON.stringify(m.tableSelection(owner, table)?.partitionKey ?? []);
    if (key(a) !== key(b)) out.push(`${t} would get new partition key columns, sending later changes of a row to another partition than its earlier ones.`);
  }
  return out;
}

function onlyTables(objects: ObjectSelection, tables: string[]): ObjectSelection {
  const keep = new Set(tables);
  const schemas = [...new Set(tables.map((t) => split(t)[0]))].map((owner) => ({
    ...(objects.schemas.find((s) => s.name === owner) ?? { name: owner, mappedName: '', operations: [] }),
    name: owner,
    all: false,
    tables: tables.filter((t) => split(t)[0] === owner).map((t) => objects.schemas.find((s) => s.name === owner)?.tables.find((x) => `${owner}.${x.name}` === t) ?? { name: split(t)[1], mappedName: '', columns: [], filter: '' }),
  }));
  return { ...objects, schemas: schemas.filter((s) => s.tables.some((t) => keep.has(`${s.name}.${t.name}`))) } as ObjectSelection;
}

function split(t: string): [string, string] {
  const dot = t.indexOf('.');
  return [t.slice(0, dot), t.slice(dot + 1)];
}
