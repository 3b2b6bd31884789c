import type { Scn } from '../../model/scn';
import type { LogMinerRow, RedoLogFile } from '../gateway';
import { LogMissingError, oraError } from '../errors';

/**
 * Online redo groups and archived logs of one redo thread. Rows are appended to the CURRENT
 * group; when it is full (or on ALTER SYSTEM SWITCH LOGFILE) it is switched: in ARCHIVELOG mode
 * its content becomes an archived log, the next group becomes CURRENT with the next sequence and
 * its previous content (already archived, or lost in NOARCHIVELOG mode) is overwritten.
 * Example archived log name: /u01/app/oracle/fast_recovery_area/SIMDB/archivelog/o1_mf_1_42_sim.arc
 */

export interface RedoLogOptions {
  dbName: string;
  groups: number;
  /** Switch when the current log holds this many bytes (LogMiner rows are sized by SQL_REDO + 120). */
  logSizeBytes: number;
  archiveLog: boolean;
  /** Purge archived logs older than this many hours of sim time (site purge job); null = never. */
  archiveRetentionHours: number | null;
  /** Memory bound of the simulator: oldest archived logs are purged beyond this total size. */
  archiveMaxBytes: number;
}

interface Segment {
  /** SCNs of LogMiner dictionary builds written into this log (V$ARCHIVED_LOG.DICTIONARY_BEGIN). */
  dictionaryBuilds?: Scn[];
  sequence: number;
  firstScn: Scn;
  nextScn: Scn | null;
  firstTimeMs: number;
  nextTimeMs: number | null;
  rows: LogMinerRow[];
  bytes: number;
}

interface OnlineGroup {
  group: number;
  seg: Segment | null;
  status: 'CURRENT' | 'ACTIVE' | 'INACTIVE' | 'UNUSED';
}

const THREAD = 1;
const ROW_OVERHEAD_BYTES = 120;

export class RedoLogs {
  private readonly groups: OnlineGroup[];
  private current: number;
  private readonly archived: Segment[] = [];
  private archivedBytes = 0;
  /** (sequence, firstScn) of every log ever written, to name the missing one in errors. */
  private readonly history: { sequence: number; firstScn: Scn }[] = [];

  constructor(
    private opts: RedoLogOptions,
    startScn: Scn,
    nowMs: number,
  ) {
    this.groups = Array.from({ length: opts.groups }, (_, i) => ({ group: i + 1, seg: null, status: 'UNUSED' as const }));
    this.current = 0;
    this.groups[0]!.seg = this.newSegment(1, startScn, nowMs);
    this.groups[0]!.status = 'CURRENT';
  }

  setArchiveLog(on: boolean): void {
    this.opts = { ...this.opts, archiveLog: on };
  }

  setRetentionHours(hours: number | null): void {
    this.opts = { ...this.opts, archiveRetentionHours: hours };
  }

  get archiveLog(): boolean {
    return this.opts.archiveLog;
  }

  get retentionHours(): number | null {
    return this.opts.archiveRetentionHours;
  }

  private newSegment(sequence: number, firstScn: Scn, nowMs: number): Segment {
    this.history.push({ sequence, firstScn });
    return { sequence, firstScn, nextScn: null, firstTimeMs: nowMs, nextTimeMs: null, rows: [], bytes: 0 };
  }

  private get currentSeg(): Segment {
    return this.groups[this.current]!.seg!;
  }

  /** Appends the rows of one redo record (never split across logs). Returns true when the log is now full. */
  append(rows: LogMinerRow[]): boolean {
    const seg = this.currentSeg;
    let prev: LogMinerRow | null = null;
    for (const row of rows) {
      const n = seg.rows.length;
      // CSF continuation pieces belong to the same redo record: same RS_ID, SSN tells them apart.
      row.rsId = prev?.csf === 1 ? prev.rsId : ` 0x${hex(seg.sequence, 6)}.${hex(2 + (n >>> 4), 8)}.${hex(16 + (n & 15) * 16, 4)} `;
      prev = row;
      seg.rows.push(row);
      seg.bytes += ROW_OVERHEAD_BYTES + (row.sqlRedo?.length ?? 0);
    }
    return seg.bytes >= this.opts.logSizeBytes;
  }

  /** ALTER SYSTEM SWITCH LOGFILE at `scn` (which becomes the new log's FIRST_CHANGE#). */
  switchLogfile(scn: Scn, nowMs: number): void {
    const old = this.currentSeg;
    old.nextScn = scn;
    old.nextTimeMs = nowMs;
    for (const g of this.groups) if (g.status === 'ACTIVE') g.status = 'INACTIVE';
    this.groups[this.current]!.status = 'ACTIVE';
    if (this.opts.archiveLog) {
      this.archived.push(old);
      this.archivedBytes += old.bytes;
    }
    this.current = (this.current + 1) % this.groups.length;
    const g = this.groups[this.current]!;
    g.seg = this.newSegment(old.sequence + 1, scn, nowMs);
    g.status = 'CURRENT';
    this.enforceRetention(nowMs);
  }

  /** Deletes archived logs with sequence < beforeSequence (RMAN DELETE ARCHIVELOG UNTIL SEQUENCE). */
  purgeArchived(beforeSequence: number): number {
    let n = 0;
    while (this.archived.length > 0 && this.archived[0]!.sequence < beforeSequence) {
      this.archivedBytes -= this.archived.shift()!.bytes;
      n++;
    }
    return n;
  }

  /** Deletes one archived log (a fault: someone removed the file). */
  purgeSequence(sequence: number): boolean {
    const i = this.archived.findIndex((s) => s.sequence === sequence);
    if (i < 0) return false;
    this.archivedBytes -= this.archived[i]!.bytes;
    this.archived.splice(i, 1);
    return true;
  }

  enforceRetention(nowMs: number): void {
    const hours = this.opts.archiveRetentionHours;
    while (this.archived.length > 0) {
      const oldest = this.archived[0]!;
      const expired = hours !== null && (oldest.nextTimeMs ?? nowMs) < nowMs - hours * 3_600_000;
      if (!expired && this.archivedBytes <= this.opts.archiveMaxBytes) break;
      this.archived.shift();
      this.archivedBytes -= oldest.bytes;
    }
  }

  /** A dictionary build (DBMS_LOGMNR_D.BUILD) at `scn` lands in the CURRENT log. */
  markDictionaryBuild(scn: Scn): void {
    (this.currentSeg.dictionaryBuilds ??= []).push(scn);
  }

  /**
   * Latest dictionary build at or before `scn` in an archived log still on disk, or null (only
   * V$ARCHIVED_LOG says DICTIONARY_BEGIN; a build in the CURRENT log counts once it is archived).
   */
  dictionaryBuildAtOrBefore(scn: Scn): Scn | null {
    let best: Scn | null = null;
    for (const seg of this.archived) for (const b of seg.dictionaryBuilds ?? []) if (b <= scn && (best === null || b > best)) best = b;
    return best;
  }

  /** FIRST_CHANGE# of the CURRENT log. */
  currentFirstScn(): Scn {
    return this.currentSeg.firstScn;
  }

  currentSequence(): number {
    return this.currentSeg.sequence;
  }

  /** V$LOG-style view of the online groups plus V$ARCHIVED_LOG. */
  listAll(): RedoLogFile[] {
    const online = this.groups.filter((g) => g.seg !== null).map((g) => this.describe(g.seg!, 'ONLINE', g));
    return [...this.archived.map((s) => this.describe(s, 'ARCHIVED')), ...online];
  }

  private describe(seg: Segment, kind: 'ONLINE' | 'ARCHIVED', g?: OnlineGroup): RedoLogFile {
    const name =
      kind === 'ARCHIVED'
        ? `/u01/app/oracle/fast_recovery_area/${this.opts.dbName}/archivelog/o1_mf_${THREAD}_${seg.sequence}_sim.arc`
        : `/u01/app/oracle/oradata/${this.opts.dbName}/redo0${g!.group}.log`;
    const file: RedoLogFile = {
      name,
      thread: THREAD,
      sequence: seg.sequence,
      firstScn: seg.firstScn,
      nextScn: seg.nextScn,
      kind,
      firstTimeMs: seg.firstTimeMs,
    };
    if (g && g.status !== 'UNUSED') file.status = g.status;
    return file;
  }

  /** Readable copy of each sequence: the archived one, else the online one still holding it. */
  private available(): { seg: Segment; file: RedoLogFile }[] {
    const bySeq = new Map<number, { seg: Segment; file: RedoLogFile }>();
    for (const g of this.groups) if (g.seg) bySeq.set(g.seg.sequence, { seg: g.seg, file: this.describe(g.seg, 'ONLINE', g) });
    for (const s of this.archived) bySeq.set(s.sequence, { seg: s, file: this.describe(s, 'ARCHIVED') });
    return [...bySeq.values()].sort((a, b) => a.seg.sequence - b.seg.sequence);
  }

  logFilesFor(fromScn: Scn, toScn: Scn | null): RedoLogFile[] {
    const picked = this.available().filter(
      ({ seg }) => (seg.nextScn === null || seg.nextScn > fromScn) && (toScn === null || seg.firstScn < toScn),
    );
    const first = picked[0];
    if (!first || first.seg.firstScn > fromScn) {
      const missing = this.sequenceHolding(fromScn);
      throw new LogMissingError({ scn: fromScn, thread: THREAD, sequence: missing, detail: 'no archived or online log covers it' });
    }
    for (let i = 1; i < picked.length; i++) {
      const prev = picked[i - 1]!.seg;
      if (picked[i]!.seg.sequence !== prev.sequence + 1) {
        throw new LogMissingError({ scn: prev.nextScn!, thread: THREAD, sequence: prev.sequence + 1, detail: 'archived log was purged' });
      }
    }
    return picked.map((p) => p.file);
  }

  private sequenceHolding(scn: Scn): number | null {
    let found: number | null = null;
    for (const h of this.history) if (h.firstScn <= scn) found = h.sequence;
    return found;
  }

  /** Resolves a file handed to ADD_LOGFILE to its current content, as LogMiner opens it. */
  open(file: RedoLogFile): LogMinerRow[] {
    if (file.kind === 'ARCHIVED') {
      const seg = this.archived.find((s) => s.sequence === file.sequence);
      if (!seg) {
        throw new LogMissingError({ scn: file.firstScn, thread: file.thread, sequence: file.sequence, detail: `ORA-00308: cannot open archived log '${file.name}'` });
      }
      return seg.rows;
    }
    const g = this.groups.find((x) => x.seg?.sequence === file.sequence);
    if (g) return g.seg!.rows;
    if (this.archived.some((s) => s.sequence === file.sequence)) {
      // The online group was reused after archiving: LogMiner reports the sequence mismatch; re-list the logs.
      throw oraError('ORA-00310', `archived log contains sequence ${file.sequence + this.groups.length}; sequence ${file.sequence} required`, {
        retriable: true,
        hint: 'The online log was switched and reused while mining; list the log files again and retry.',
      });
    }
    throw new LogMissingError({ scn: file.firstScn, thread: file.thread, sequence: file.sequence, detail: 'online log was overwritten (NOARCHIVELOG)' });
  }
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** Index of the first row with scn >= target (rows are in SCN order within a log). */
export function firstRowAtOrAfter(rows: readonly LogMinerRow[], target: Scn): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.scn < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
