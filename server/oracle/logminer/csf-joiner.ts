import type { LogMinerRow } from '../gateway';

/**
 * SQL_REDO is VARCHAR2(4000); a longer statement arrives as several rows of one redo record, every
 * piece but the last flagged CSF=1:
 *   { csf: 1, sqlRedo: 'insert into "HR"."DOCS"("ID","BODY") values (\'1\',\'aaaa…' }
 *   { csf: 0, sqlRedo: '…aaaa\');' }
 *   → one row, csf 0, sqlRedo = both pieces concatenated, other columns from the first piece.
 * Pieces of different transactions never interleave inside one redo record, but the state is kept
 * per XID anyway, and across mining windows.
 */
export class CsfJoiner {
  private readonly pending = new Map<string, { first: LogMinerRow; parts: string[] }>();

  /** Returns the complete row, or null while a statement is still being continued. */
  push(row: LogMinerRow): LogMinerRow | null {
    const open = this.pending.get(row.xid);
    if (row.csf === 1) {
      if (open) open.parts.push(row.sqlRedo ?? '');
      else this.pending.set(row.xid, { first: row, parts: [row.sqlRedo ?? ''] });
      return null;
    }
    if (!open) return row;
    this.pending.delete(row.xid);
    open.parts.push(row.sqlRedo ?? '');
    return { ...open.first, csf: 0, sqlRedo: open.parts.join('') };
  }

  get pendingCount(): number {
    return this.pending.size;
  }
}
