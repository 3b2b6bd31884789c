/**
 * ROWIDs and XIDs in the text forms Oracle prints.
 *
 * Extended ROWID, 18 base-64 chars OOOOOOFFFBBBBBBRRR (data object#, relative file#, block#, row#):
 *   AAAR3sAAEAAAACXAAA
 * XID as LogMiner prints it: RAWTOHEX of USN(2 bytes LE) SLOT(2 bytes LE) SQN(4 bytes LE):
 *   0A001F00D3040000  = undo segment 10, slot 31, sequence 1235
 */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64Digits(n: number, width: number): string {
  let s = '';
  for (let i = 0; i < width; i++) {
    s = B64[n % 64]! + s;
    n = Math.floor(n / 64);
  }
  return s;
}

const ROWS_PER_BLOCK = 64;
const FIRST_BLOCK = 131;

/** The ROWID of the rowNum-th row ever stored in a segment. */
export function formatRowId(dataObjectId: number, fileNo: number, rowNum: number): string {
  const block = FIRST_BLOCK + Math.floor(rowNum / ROWS_PER_BLOCK);
  const row = rowNum % ROWS_PER_BLOCK;
  return base64Digits(dataObjectId, 6) + base64Digits(fileNo, 3) + base64Digits(block, 6) + base64Digits(row, 3);
}

function hexLe(n: number, bytes: number): string {
  let s = '';
  for (let i = 0; i < bytes; i++) {
    s += ((n >>> (8 * i)) & 0xff).toString(16).toUpperCase().padStart(2, '0');
  }
  return s;
}

export function formatXid(usn: number, slot: number, sqn: number): string {
  return hexLe(usn, 2) + hexLe(slot, 2) + hexLe(sqn, 4);
}

/** Hands out XIDs the way undo segments do: round-robin segments, rotating slots, rising sequence. */
export class XidAllocator {
  private n = 0;

  constructor(private readonly undoSegments = 10) {}

  next(): string {
    const n = this.n++;
    const usn = 1 + (n % this.undoSegments);
    const slot = Math.floor(n / this.undoSegments) % 32;
    const sqn = 1000 + Math.floor(n / (this.undoSegments * 32)) + n;
    return formatXid(usn, slot, sqn);
  }
}

/** Inverse of formatRowId for the row part: the rowNum a ROWID of this segment encodes. */
export function rowNumOfRowId(rowId: string): number {
  const digits = (s: string) => [...s].reduce((n, ch) => n * 64 + B64.indexOf(ch), 0);
  return (digits(rowId.slice(9, 15)) - FIRST_BLOCK) * ROWS_PER_BLOCK + digits(rowId.slice(15, 18));
}
