import type { ChangeEvent } from '../../model/change-event';
import type { SchemaObject, SchemaObjectType } from '../../model/oracle-types';
import { parseScn } from '../../model/scn';
import { stripForeignKeys } from '../mapping/strip-foreign-keys';
import { tokenize } from '../../oracle/sql-tokens';
import { tableKey, type PhaseContext } from '../phase-context';
import type { SchemaPosition } from '../../model/checkpoint-positions';

/**
 * Schema migration: one DDL record per selected object, in dependency-friendly order (tables,
 * indexes, views, functions, procedures, triggers), after name mapping, to the DDL topic.
 *   TABLE HR.EMPLOYEES → DDL record "CREATE TABLE "HR_PROD"."EMP" (…)"  (foreign keys left out)
 * As DTS documents: foreign keys are not migrated (stripped and logged), triggers are migrated
 * as DDL but reported, because DTS does not support them and they cause inconsistency unless
 * deleted from the source. Indexes that back a primary key or unique constraint come with their
 * table. Each object is checkpointed once committed, so a restart skips it.
 */
const ORDER: SchemaObjectType[] = ['TABLE', 'INDEX', 'VIEW', 'FUNCTION', 'PROCEDURE', 'TRIGGER'];

export async function runSchemaPhase(ctx: PhaseContext): Promise<void> {
  const { gateway } = ctx;
  const pos: SchemaPosition = ctx.checkpoint.schema ?? { done: [], scn: String(await gateway.currentScn()) };
  ctx.checkpoint.schema = pos;
  const scn = parseScn(pos.scn);
  const objects = await selectedObjects(ctx);
  const done = new Set(pos.done);
  ctx.progress.objectsTotal = objects.length;
  ctx.progress.objectsDone = objects.filter((o) => done.has(objectKey(o))).length;
  ctx.reportProgress();
  let seq = 0;
  for (const o of objects) {
    seq++;
    if (done.has(objectKey(o))) continue;
    await ctx.gate.unit(() => writeObject(ctx, o, pos, scn, seq, objects.length));
  }
  ctx.pipeline.markDirty();
  await ctx.pipeline.flush();
}

async function writeObject(ctx: PhaseContext, o: SchemaObject, pos: SchemaPosition, scn: bigint, seq: number, total: number): Promise<void> {
  const { gateway } = ctx;
  let ddl: string | null = await gateway.objectDdl(o.owner, o.type, o.name);
  if (o.type === 'TABLE') {
    const meta = await gateway.describeTable(o.owner, o.name);
    ctx.tableColumns.set(tableKey(o.owner, o.name), meta.columns.map((c) => c.name));
    const stripped = stripForeignKeys(ddl);
    ddl = stripped.ddl;
    if (stripped.removed > 0) ctx.log('info', `Schema migration: ${stripped.removed} foreign key constraint(s) of ${o.owner}.${o.name} left out; DTS does not migrate foreign keys.`);
  } else if (o.type === 'TRIGGER') {
    const msg = `Trigger ${o.owner}.${o.name} was migrated as DDL, but triggers are not supported: delete source triggers before migrating, or the data in Kafka can become inconsistent.`;
    ctx.log('warn', msg);
    ctx.progress.warnings.push(msg);
  }
  if (ddl !== null) {
    const event: ChangeEvent = {
      op: 'DDL',
      owner: o.owner,
      table: o.name,
      columns: [],
      primaryKey: null,
      uniqueKeys: [],
      before: null,
      after: null,
      scn,
      commitScn: scn,
      txId: '',
      seqInTx: seq,
      txSize: total,
      commitTimeMs: ctx.clock.now(),
      ddl: ddl.trim(),
      ddlObjectType: o.type,
    };
    const record = ctx.encoder.encode(ctx.events.map(event), scn);
    await ctx.pipeline.ready();
    ctx.pipeline.append([record]);
    ctx.progress.bytesDone += record.bytes;
  }
  pos.done.push(objectKey(o));
  ctx.progress.objectsDone++;
  ctx.progress.percent = (100 * ctx.progress.objectsDone) / Math.max(1, total);
  ctx.reportProgress();
}

export function objectKey(o: Pick<SchemaObject, 'type' | 'owner' | 'name'>): string {
  return `${o.type}:${o.owner}.${o.name}`;
}

/** Objects of the task: all of a whole schema; for listed tables, the tables, their indexes and triggers on them. */
async function selectedObjects(ctx: PhaseContext): Promise<SchemaObject[]> {
  const out: SchemaObject[] = [];
  for (const s of ctx.config.objects.schemas) {
    const all = await ctx.gateway.listObjects(s.name, ORDER);
    const keyIndexes = new Set<string>();
    const tables = s.all ? all.filter((o) => o.type === 'TABLE').map((o) => o.name) : s.tables.map((t) => t.name);
    const wanted = new Set(tables);
    for (const t of tables) {
      const meta = await ctx.gateway.describeTable(s.name, t);
      const keys = [meta.primaryKey ?? [], ...meta.uniqueKeys].filter((k) => k.length > 0).map((k) => k.join(','));
      for (const ix of meta.indexes) if (ix.unique && keys.includes(ix.columns.join(','))) keyIndexes.add(ix.name);
    }
    for (const o of all) {
      if (o.type === 'INDEX' && keyIndexes.has(o.name)) continue;
      if (s.all) {
        out.push(o);
      } else if (o.type === 'TABLE' && wanted.has(o.name)) {
        out.push(o);
      } else if (o.type === 'INDEX' || o.type === 'TRIGGER') {
        const on = await onTable(ctx, o);
        if (on !== null && wanted.has(on)) out.push(o);
      }
    }
  }
  return out.sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type) || (a.owner + a.name < b.owner + b.name ? -1 : 1));
}

/** The table an index or trigger is defined ON (from its DDL), or null. */
async function onTable(ctx: PhaseContext, o: SchemaObject): Promise<string | null> {
  const toks = tokenize(await ctx.gateway.objectDdl(o.owner, o.type, o.name)).filter((t) => t.kind !== 'ws' && t.kind !== 'comment');
  const on = toks.findIndex((t) => t.kind === 'word' && t.name === 'ON');
  if (on < 0) return null;
  const a = toks[on + 1];
  const dot = toks[on + 2];
  const b = toks[on + 3];
  if (dot?.text === '.' && b && (b.kind === 'word' || b.kind === 'qid')) return b.name;
  return a && (a.kind === 'word' || a.kind === 'qid') ? a.name : null;
}
