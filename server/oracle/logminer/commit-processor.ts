import type { ChangeEvent } from '../../model/change-event';
import { identityKey, type ColumnValue, type TableMeta } from '../../model/oracle-types';
import type { LogMinerRow } from '../gateway';
import type { Scn } from '../../model/scn';
import { OracleError } from '../../model/errors';
import { convertRedoValue, RedoParseError, RedoValueError, type RedoStatementColumns } from '../redo';
import { baseEvent, columnIndex, dmlEvent, imageFrom, parseDml, type TxInfo } from './event-builder';
import { parseExtendedWrite, parseLobErase, parseLobTrim, parseLobWrite, parseValueBegin, parseXmlWrite } from './lob-redo';
import { Op } from './operation-codes';
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
 * XMLTYPE (XML DOC BEGIN / WRITE / END) and extended strings (32K_BEGIN / WRITE / END, for
 * VARCHAR2/RAW over 4,000 bytes; the DML row names them LM_EMPTY_STRING) are written apart the same
 * way and merge the same way.
 * Limits: a value written apart without a preceding change of the same row becomes an UPDATE event
 * whose after-image holds the key and only that column (its other columns are unknown to redo);
 * LOB pieces written at offsets past the known length are padded (spaces / zero bytes).
 * The last event is held back until the next change so that such rows can still merge into it.
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

/**
 * What to do with a row whose SQL_REDO (or a value in it) cannot be read: `null` fails the
 * transaction with UnreadableRedoError; a handler receives the row and the reason and the row is
 * left out (the task's dead-letter policy).
 */
export type UnreadableRowHandler = ((row: LogMinerRow, error: Error) => void) | null;

/** A column value being written apart (LOB through a locator, XML document, extended string). */
interface PendingLob {
  rowId: string | null;
  meta: TableMeta;
  column: number;
  key: (ColumnValue | undefined)[];
  value: LobValue;
  row: LogMinerRow;
  /** XML: bytes decoded as UTF-8 at the end; XML_REDO := NULL sets the column to NULL. */
  xml: { isNull: boolean } | null;
}

export class CommitProcessor {
  private held: ChangeEvent | null = null;
  private lob: PendingLob | null = null;

  constructor(
    private readonly tx: TxInfo,
    private readonly metas: ReadonlyMap<string, TableMeta | null>,
    private readonly counters: ProcessorCounters,
    private readonly emit: (e: ChangeEvent) => void,
    private readonly onUnreadable: UnreadableRowHandler = null,
  ) {}

  private meta(row: LogMinerRow): TableMeta | null {
    if (!row.segOwner || !row.tableName) return null;
    return this.metas.get(TableCache.key(row.segOwner, row.tableName)) ?? null;
  }

  push(row: LogMinerRow): void {
    try {
      this.pushRow(row);
    } catch (err) {
      if (!isRedoReadError(err)) throw err;
      if (!this.onUnreadable) throw new UnreadableRedoError(row, err);
      this.onUnreadable(row, err);
    }
  }

  private pushRow(row: LogMinerRow): void {
    const op = row.operationCode;
    if (op === Op.LOB_WRITE || op === Op.LOB_TRIM || op === Op.LOB_ERASE || op === Op.XML_WRITE || op === Op.EXTENDED_STRING_WRITE) {
      this.lobOperation(row);
      return;
    }
    if (op === Op.XML_END || op === Op.EXTENDED_STRING_END) {
      this.flushLob();
      return;
    }
    this.flushLob();
    const meta = this.meta(row);
    if (!meta) {
      this.counters.unknownTableRows++;
      return;
    }
    if (op === Op.SELECT_LOB_LOCATOR || op === Op.XML_BEGIN || op === Op.EXTENDED_STRING_BEGIN) {
      this.startLob(row, meta);
      return;
    }
    if (op !== Op.INSERT && op !== Op.DELETE && op !== Op.UPDATE) return;
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
    const op = row.operationCode;
    const loc = parseValueBegin(op, row.sqlRedo ?? '');
    const ci = loc ? columnIndex(meta).get(loc.column) : undefined;
    if (!loc || ci === undefined) return;
    const c = meta.columns[ci]!;
    // XML arrives as text or as UTF-8 bytes (decoded once whole: a character can span two writes).
    const kind = c.type === 'BLOB' || c.type === 'RAW' || op === Op.XML_BEGIN ? 'bytes' : 'text';
    this.lob = { rowId: row.rowId, meta, column: ci, key: imageFrom(meta, loc.where), value: new LobValue(kind), row, xml: op === Op.XML_BEGIN ? { isNull: false } : null };
  }

  private lobOperation(row: LogMinerRow): void {
    const lob = this.lob;
    if (!lob) return;
    const sql = row.sqlRedo ?? '';
    const op = row.operationCode;
    if (op === Op.XML_WRITE) {
      const w = parseXmlWrite(sql);
      if (!w) return;
      if (w.kind === 'null') lob.xml = { isNull: true };
      else lob.value.write(lob.value.length + 1, w.kind === 'bytes' ? w.bytes : Buffer.from(w.text, 'utf8'));
      return;
    }
    if (op === Op.EXTENDED_STRING_WRITE) {
      const w = parseExtendedWrite(sql);
      if (!w) return;
      const v = convertRedoValue(lob.meta.columns[lob.column]!, w.raw, w.quoted);
      if (v !== null && v !== undefined) lob.value.write(lob.value.length + 1, v as string | Uint8Array);
      return;
    }
    if (op === Op.LOB_WRITE) {
      const w = parseLobWrite(sql);
      if (!w) return;
      const v = convertRedoValue(lob.meta.columns[lob.column]!, w.raw, w.quoted);
      if (v !== null && v !== undefined) lob.value.write(w.offset, v as string | Uint8Array);
    } else if (op === Op.LOB_TRIM) {
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
    const raw = lob.value.value();
    const value = lob.xml ? (lob.xml.isNull ? null : Buffer.from(raw as Uint8Array).toString('utf8')) : raw;
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

/** Errors that mean "this row's redo cannot be read" (not a bug elsewhere, not the database). */
function isRedoReadError(err: unknown): err is Error {
  return err instanceof RedoParseError || err instanceof RedoValueError;
}

/**
 * A change whose redo the parser cannot read, with everything needed to look at it:
 *   Cannot read the redo of HR.EMPLOYEES at SCN 5012345 (transaction 0A001F00D3040000): Cannot parse
 *   SQL_REDO: expected "values" at offset 38: … SQL_REDO: update "HR"."EMPLOYEES" set …
 */
export class UnreadableRedoError extends OracleError {
  readonly scn: Scn;
  readonly xid: string;
  readonly table: string;
  readonly sqlRedo: string;
  readonly reason: string;

  constructor(row: LogMinerRow, cause: Error) {
    const table = `${row.segOwner ?? '?'}.${row.tableName ?? '?'}`;
    const sql = row.sqlRedo ?? '';
    super('REDO_UNREADABLE', `Cannot read the redo of ${table} at SCN ${row.scn} (transaction ${row.xid}): ${cause.message}. SQL_REDO: ${sql.length > 1000 ? `${sql.slice(0, 1000)}…` : sql}`, {
      retriable: false,
      hint: 'The task stopped rather than lose this change. To keep going without it, set "Statements that cannot be parsed" to write them to a dead-letter topic (Advanced Settings), then resume; and report the SQL_REDO text.',
      cause,
    });
    this.scn = row.scn;
    this.xid = row.xid;
    this.table = table;
    this.sqlRedo = sql;
    this.reason = cause.message;
  }
}

/** Runs the processor over rows held in memory; returns events with seqInTx/txSize set. */
export function processRows(
  rows: Iterable<LogMinerRow>,
  tx: TxInfo,
  metas: ReadonlyMap<string, TableMeta | null>,
  counters: ProcessorCounters,
  onUnreadable: UnreadableRowHandler = null,
): ChangeEvent[] {
  const out: ChangeEvent[] = [];
  const p = new CommitProcessor(tx, metas, counters, (e) => out.push(e), onUnreadable);
  for (const r of rows) p.push(r);
  p.finish();
  out.forEach((e, i) => {
    e.seqInTx = i + 1;
    e.txSize = out.length;
  });
  return out;
}
