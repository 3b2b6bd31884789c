import { appendFileSync, createReadStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { LogMinerRow } from '../gateway';

/**
 * Transactions larger than the in-memory bound are appended to one JSON-lines file each and read
 * back at commit; the buffer keeps only counts. One line per LogMiner row (XID is the file's):
 *   ["5012345",3,"UPDATE","update \"HR\".\"EMP\" set …;",0,"AAAR3sAAEAAAACXAAA",0,"HR","EMP",1763900000000,"HR"," 0x00002a.00000102.0010 ",0,null]
 * Files are named ora2kafka-tx-<pid>-<store>-<n>.jsonl; leftovers of a crashed process are removed at start.
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
  private readonly instance = ++instances;

  /** Creates `dir` and removes spill files left there by processes that no longer run. */
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(dir)) {
      if (!f.startsWith(PREFIX)) continue;
      const pid = Number(f.slice(PREFIX.length).split('-')[0]);
      if (Number.isInteger(pid) && pid !== process.pid && !processAlive(pid)) rmSync(path.join(dir, f), { force: true });
    }
  }

  create(xid: string): SpillFile {
    return new SpillFile(path.join(this.dir, `${PREFIX}${process.pid}-${this.instance}-${++this.n}.jsonl`), xid);
  }
}
