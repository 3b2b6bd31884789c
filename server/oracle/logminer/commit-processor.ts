import type { ChangeEvent } from '../../model/change-event';
import { identityKey, type ColumnValue, type TableMeta } from '../../model/oracle-types';
import type { LogMinerRow } from '../gateway';
import { convertRedoValue } from '../redo-values';
import type { RedoStatementColumns } from '../redo-parser';
import { baseEvent, columnIndex, dmlEvent, imageFrom, parseDml, type TxInfo } from './event-builder';
import { parseLobErase, parseLobLocator, parseLobTrim, parseLobWrite } from './lob-redo';
import { LobValue } from './lob-value';
import { TableCache } from './table-cache';

/**
 * Turns the surviving rows of one committed transaction into ChangeEvents, in redo order, merging
 * LOB redo into row images (best effort, as Debezium's TransactionCommitConsumer does):
 *   INSERT … values ('2', EMPTY_CLOB())               ┐
 *   UPDATE … set "BODY" = 'short text' where "ID"='2'  ┘→ one INSERT with BODY = 'short text'
 *   INSERT … values ('3', EMPTY_CLOB())               ┐
 *   SELECT_LOB_LOCATOR "BODY" … where "ID" = '3'       │
 *   LOB_WRITE buf_c := '…1000 chars…' offset 1        │→ one INSERT with BODY = all pieces
 *   LOB_WRITE buf_c := '…' offset 1001                ┘
 * Limits: a LOB written through a locator without a preceding change of the same row becomes an
 * UPDATE event whose after-image holds the key and only the written LOB (its earlier content is
 * unknown to redo); pieces written at offsets past the known length are padded (spaces / zero bytes).
 * The last event is held back until the next change so that LOB rows can still merge into it.
 */

const LOB_TYPES = new Set(['CLOB', 'NCLOB', 'BLOB']);

function sameValue(a: ColumnValue, b: ColumnValue | undefined): boolean {
  if (b === undefined) return false;
  if (a instanceof Uint8Array || b instanceof Uint8Array) return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.compare(a, b) === 0;
  return a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));
}

export interface ProcessorCounters {
  unknownTableRows: number;
}

interface PendingLob {
  rowId: string | null;
  meta: TableMeta;
  column: number;
  key: (ColumnValue | undefined)[];
  value: LobValue;
  row: LogMinerRow;
}

export class CommitProcessor {
  private held: ChangeEvent | null = null;
  private lob: PendingLob | null = null;

  constructor(
    private readonly tx: TxInfo,
    private readonly metas: ReadonlyMap<string, TableMeta | null>,
    private readonly counters: ProcessorCounters,
    private readonly emit: (e: ChangeEvent) => void,
  ) {}

  private meta(row: LogMinerRow): TableMeta | null {
    if (!row.segOwner || !row.tableName) return null;
    return this.metas.get(TableCache.key(row.segOwner, row.tableName)) ?? null;
  }

  push(row: LogMinerRow): void {
    const op = row.operationCode;
    if (op === 10 || op === 11 || op === 29) {
      this.lobOperation(row);
      return;
    }
    this.flushLob();
    const meta = this.meta(row);
    if (!meta) {
      this.counters.unknownTableRows++;
      return;
    }
    if (op === 9) {
      this.startLob(row, meta);
      return;
    }
    if (op !== 1 && op !== 2 && op !== 3) return;
    const parsed = parseDml(row);
    if (parsed.operation === 'UPDATE' && this.foldLobUpdate(row, meta, parsed)) return;
    this.release();
    this.held = dmlEvent(row, meta, parsed, this.tx);
  }

  /** Call once after the last row. */
  finish(): void {
    this.flushLob();
    this.release();
  }

  private release(): void {
    if (this.held) this.emit(this.held);
    this.held = null;
  }

  /**
   * The held event is of the same row: same ROW_ID, or — where LogMiner gives none (the INSERT of a
   * row with LOB values, out-of-line LOB rows, index-organized tables) — the same key values.
   */
  private sameRow(h: ChangeEvent, meta: TableMeta, rowId: string | null, key: readonly (ColumnValue | undefined)[]): boolean {
    if (h.owner !== meta.owner || h.table !== meta.name || h.after === null) return false;
    if (rowId !== null && h.rowId !== null) return rowId === h.rowId;
    const cols = identityKey(meta);
    if (!cols || cols.length === 0) return false;
    const idx = columnIndex(meta);
    return cols.every((c) => {
      const i = idx.get(c);
      return i !== undefined && key[i] !== undefined && sameValue(key[i]!, h.after![i]);
    });
  }

  /** An UPDATE that only sets LOB columns of the row just inserted/updated completes that change. */
  private foldLobUpdate(row: LogMinerRow, meta: TableMeta, parsed: RedoStatementColumns): boolean {
    const h = this.held;
    const set = parsed.after;
    if (!h || !set || set.names.length === 0 || !this.sameRow(h, meta, row.rowId, imageFrom(meta, parsed.before))) return false;
    const idx = columnIndex(meta);
    const cols = set.names.map((n) => idx.get(n));
    if (cols.some((i) => i === undefined || !LOB_TYPES.has(meta.columns[i]!.type))) return false;
    cols.forEach((ci, k) => {
      h.after![ci!] = convertRedoValue(meta.columns[ci!]!, set.values[k]!, set.quoted[k]);
    });
    return true;
  }

  private startLob(row: LogMinerRow, meta: TableMeta): void {
    const loc = parseLobLocator(row.sqlRedo ?? '');
    const ci = loc ? columnIndex(meta).get(loc.column) : undefined;
    if (!loc || ci === undefined) return;
    const c = meta.columns[ci]!;
    this.lob = { rowId: row.rowId, meta, column: ci, key: imageFrom(meta, loc.where), value: new LobValue(c.type === 'BLOB' ? 'bytes' : 'text'), row };
  }

  private lobOperation(row: LogMinerRow): void {
    const lob = this.lob;
    if (!lob) return;
    const sql = row.sqlRedo ?? '';
    if (row.operationCode === 10) {
      const w = parseLobWrite(sql);
      if (!w) return;
      const v = convertRedoValue(lob.meta.columns[lob.column]!, w.raw, w.quoted);
      if (v !== null && v !== undefined) lob.value.write(w.offset, v as string | Uint8Array);
    } else if (row.operationCode === 11) {
      const len = parseLobTrim(sql);
      if (len !== null) lob.value.trim(len);
    } else {
      const e = parseLobErase(sql);
      if (e) lob.value.erase(e.amount, e.offset);
    }
  }

  private flushLob(): void {
    const lob = this.lob;
    if (!lob) return;
    this.lob = null;
    const value = lob.value.value();
    const h = this.held;
    if (h && this.sameRow(h, lob.meta, lob.rowId, lob.key)) {
      h.after![lob.column] = value;
      return;
    }
    this.release();
    const after = lob.key.slice();
    after[lob.column] = value;
    this.held = baseEvent('UPDATE', lob.meta, lob.row, this.tx, lob.key, after);
  }
}

/** Runs the processor over rows held in memory; returns events with seqInTx/txSize set. */
export function processRows(rows: Iterable<LogMinerRow>, tx: TxInfo, metas: ReadonlyMap<string, TableMeta | null>, counters: ProcessorCounters): ChangeEvent[] {
  const out: ChangeEvent[] = [];
  const p = new CommitProcessor(tx, metas, counters, (e) => out.push(e));
  for (const r of rows) p.push(r);
  p.finish();
  out.forEach((e, i) => {
    e.seqInTx = i + 1;
    e.txSize = out.length;
  });
  return out;
}
