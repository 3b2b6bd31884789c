import type { ChangeEvent } from '../model/change-event';
import { EtlRunner, withScriptLabel } from '../model/etl';
import { identityKey, type ColumnMeta } from '../model/oracle-types';
import { valueText } from '../formats/value-text';
import type { OracleGateway } from '../oracle/gateway';
import { withTaskGateway } from './source-catalog';

/**
 * "Try it" of Advanced Settings › Configure ETL: the script (as typed, not yet saved) run on the
 * first rows of one selected table, read over the task's connection AS OF one SCN — the engine's
 * own EtlRunner on full-load (INIT) events, hash masks salted with the task id as in the task.
 *
 *   previewEtl(taskId, { owner: 'HR', table: 'EMPLOYEES', limit: 2, script: 'for HR.EMPLOYEES { mask EMAIL hash; }' })
 *   → { before: { columns: ['EMPLOYEE_ID', …, 'EMAIL', …], rows: [['100', …, 'SKING', …], …] },
 *       after:  { columns: [same], rows: [['100', …, '9f86…', …], …] }, dropped: 0 }
 * A row the script's keep conditions drop has `null` in after.rows. Problems in the script throw
 * the same EtlScriptError (line, column) as saving the section does.
 */
export interface EtlPreview {
  owner: string;
  table: string;
  scn: string;
  before: { columns: string[]; rows: (string | null)[][] };
  after: { columns: string[]; rows: ((string | null)[] | null)[] };
  dropped: number;
}

export const ETL_PREVIEW_MAX_ROWS = 50;

export function previewEtl(taskId: string, req: { owner: string; table: string; limit: number; script: string; scn?: bigint }): Promise<EtlPreview> {
  return withTaskGateway(taskId, (gw) => runPreview(gw, taskId, req)).catch((e: unknown) => {
    throw withScriptLabel(e);
  });
}

async function runPreview(gw: OracleGateway, taskId: string, req: { owner: string; table: string; limit: number; script: string; scn?: bigint }): Promise<EtlPreview> {
  const runner = new EtlRunner(req.script, taskId);
  const meta = await gw.describeTable(req.owner, req.table);
  const scn = req.scn ?? (await gw.currentScn());
  const key = identityKey(meta);
  const chunk = await gw.readChunk({ owner: req.owner, table: req.table, scn, keyColumns: key && key.length > 0 ? key : ['ROWID'], afterKey: null, limit: Math.min(req.limit, ETL_PREVIEW_MAX_ROWS) });
  const shape = { owner: meta.owner, table: meta.name, columns: meta.columns, primaryKey: meta.primaryKey, uniqueKeys: meta.uniqueKeys };
  const outColumns = runner.plan(shape).columns;
  const now = Date.now();
  const text = (columns: readonly ColumnMeta[], row: readonly unknown[]) => columns.map((c, i) => valueText(c, (row[i] ?? null) as Parameters<typeof valueText>[1]));
  let dropped = 0;
  const after = chunk.rows.map((row, i) => {
    const event: ChangeEvent = { op: 'INIT', ...shape, before: null, after: row, scn, commitScn: scn, txId: '', seqInTx: i + 1, txSize: 1, commitTimeMs: now };
    const out = runner.apply(event).event;
    if (!out) dropped++;
    return out ? text(out.columns, out.after!) : null;
  });
  return {
    owner: req.owner,
    table: req.table,
    scn: String(scn),
    before: { columns: meta.columns.map((c) => c.name), rows: chunk.rows.map((row) => text(meta.columns, row)) },
    after: { columns: outColumns.map((c) => c.name), rows: after },
    dropped,
  };
}
