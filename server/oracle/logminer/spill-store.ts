import { appendFileSync, createReadStream, mkdirSync, readdirSync, renameSync, rmSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Scn } from '../../model/scn';
import type { LogMinerRow } from '../gateway';

/**
 * Transactions larger than the in-memory bound are appended to one JSON-lines file each and read
 * back at commit; the buffer keeps only counts. One line per LogMiner row (XID is the file's):
 *   ["5012345",3,"UPDATE","update \"HR\".\"EMP\" set …;",0,"AAAR3sAAEAAAACXAAA",0,"HR","EMP",1763900000000,"HR"," 0x00002a.00000102.0010 ",0,null]
 * Files are named ora2kafka-tx-<pid>-<store>-<n>.jsonl. A stream keeps the files of its open
 * transactions when it closes (a checkpoint may name them: spilled-resume.ts); the next store on
 * the folder adopts the named ones and removes every other file of a store that is gone.
 */

const PREFIX = 'ora2kafka-tx-';
const FLUSH_BYTES = 256 * 1024;

type Line = [string, number, string, string | null, 0 | 1, string | null, 0 | 1, string | null, string | null, number, string | null, string, number, string | null];

export function encodeRow(r: LogMinerRow): string {
  const line: Line = [r.scn.toString(), r.operationCode, r.operation, r.sqlRedo, r.csf, r.rowId, r.rollback, r.segOwner, r.tableName, r.timestampMs, r.userName, r.rsId, r.ssn, r.info ?? null];
  return JSON.stringify(line);
}

export function decodeRow(text: string, xid: string): LogMinerRow {
  const [scn, op, operation, sqlRedo, csf, rowId, rollback, segOwner, tableName, ts, userName, rsId, ssn, info] = JSON.parse(text) as Line;
  const row: LogMinerRow = { scn: BigInt(scn), operationCode: op, operation, sqlRedo, xid, csf, rowId, rollback, segOwner, tableName, timestampMs: ts, commitScn: null, userName, rsId, ssn };
  if (info !== null) row.info = info;
  return row;
}

export class SpillFile {
  private pending: string[] = [];
  private pendingBytes = 0;
  /** Bytes appended so far (flushed or not). */
  bytes = 0;
  count = 0;
  private removed = false;

  constructor(
    readonly path: string,
    readonly xid: string,
  ) {}

  get name(): string {
    return path.basename(this.path);
  }

  append(row: LogMinerRow): void {
    const line = encodeRow(row) + '\n';
    this.pending.push(line);
    this.pendingBytes += line.length;
    this.bytes += Buffer.byteLength(line);
    this.count++;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0 || this.removed) return;
    appendFileSync(this.path, this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Rows in append order. */
  async *rows(): AsyncGenerator<LogMinerRow> {
    this.flush();
    if (this.count === 0) return;
    const rl = createInterface({ input: createReadStream(this.path, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
    try {
      for await (const line of rl) if (line.length > 0) yield decodeRow(line, this.xid);
    } finally {
      rl.close();
    }
  }

  remove(): void {
    if (this.removed) return;
    this.removed = true;
    this.pending = [];
    rmSync(this.path, { force: true });
  }
}

let instances = 0;
/** `<pid>-<store>` of the stores of this process not closed yet. */
const openStores = new Set<string>();

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class SpillStore {
  private n = 0;
  private readonly owner = `${process.pid}-${++instances}`;

  /**
   * Creates `dir` and removes the spill files of stores that are gone (a process no longer
   * running, or a closed store of this one), except the ones in `keep` (to be adopted).
   */
  constructor(
    readonly dir: string,
    keep: ReadonlySet<string> = new Set(),
  ) {
    mkdirSync(dir, { recursive: true });
    openStores.add(this.owner);
    for (const f of readdirSync(dir)) {
      if (!f.startsWith(PREFIX) || keep.has(f)) continue;
      const [pidText, store] = f.slice(PREFIX.length).split('-');
      const pid = Number(pidText);
      const gone = pid === process.pid ? !openStores.has(`${pid}-${store}`) : Number.isInteger(pid) && !processAlive(pid);
      if (gone) rmSync(path.join(dir, f), { force: true });
    }
  }

  create(xid: string): SpillFile {
    return new SpillFile(path.join(this.dir, `${PREFIX}${this.owner}-${++this.n}.jsonl`), xid);
  }

  /**
   * Takes over a file a checkpoint names: its first `rows` lines, without those at or above
   * `belowScn` (mining reads them again), each passed to `onRow`; the file is cut after them.
   * A file of another process that still runs (a worker frozen while its task moved on) is
   * renamed into this store first, so that process appends to a file of its own, never to this
   * one; a file of this process (a retry after a failure) or of one that is gone is used where it
   * is, so another attempt from the same checkpoint finds it again. null when the file is missing
   * or shorter (written on another machine, or lost with an unflushed tail) — the caller then
   * mines from the transaction's start.
   */
  async adopt(name: string, xid: string, rows: number, belowScn: Scn, onRow: (row: LogMinerRow) => void): Promise<SpillFile | null> {
    if (name !== path.basename(name) || !name.startsWith(PREFIX)) return null;
    const pid = Number(name.slice(PREFIX.length).split('-')[0]);
    let file = new SpillFile(path.join(this.dir, name), xid);
    if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) {
      const own = this.create(xid);
      try {
        renameSync(file.path, own.path);
      } catch {
        return null;
      }
      file = own;
    }
    try {
      return await this.readCounted(file, rows, belowScn, onRow);
    } catch {
      return null; // missing, or a torn last line: not the file the checkpoint names
    }
  }

  private async readCounted(file: SpillFile, rows: number, belowScn: Scn, onRow: (row: LogMinerRow) => void): Promise<SpillFile | null> {
    let lines = 0;
    let kept = 0;
    let keptBytes = 0;
    const rl = createInterface({ input: createReadStream(file.path, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
    try {
      for await (const line of rl) {
        if (lines === rows) break;
        lines++;
        const row = decodeRow(line, file.xid);
        if (row.scn >= belowScn) continue; // rows are in SCN order: the rest are at or above it too
        if (kept !== lines - 1) throw new Error(`spill file ${file.name} is not in SCN order`);
        onRow(row);
        kept++;
        keptBytes += Buffer.byteLength(line) + 1;
      }
    } finally {
      rl.close();
    }
    if (lines < rows) return null;
    truncateSync(file.path, keptBytes);
    file.count = kept;
    file.bytes = keptBytes;
    return file;
  }

  /** Later stores may remove this one's files (those a checkpoint names are adopted first). */
  close(): void {
    openStores.delete(this.owner);
  }
}
