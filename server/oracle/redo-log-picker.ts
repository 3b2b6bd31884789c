import type { Scn } from '../model/scn';
import type { RedoLogFile } from './gateway';
import { LogMissingError } from './errors';

/**
 * Which redo logs cover an SCN range, from V$ARCHIVED_LOG and V$LOG/V$LOGFILE rows (the oracledb
 * gateway's queries in oracledb/log-files.ts; the simulator's views give the same rows) such as:
 *   archived: NAME=/arch/1_42_1122.arc THREAD#=1 SEQUENCE#=42 FIRST_CHANGE#=5000 NEXT_CHANGE#=5900 DELETED=NO STATUS=A
 *             DEST_ID=1 RESETLOGS_CHANGE#=1 LOCAL_VALID=YES (V$ARCHIVE_DEST_STATUS: TYPE LOCAL, STATUS VALID)
 *   online:   MEMBER=/redo/redo03.log THREAD#=1 SEQUENCE#=43 FIRST_CHANGE#=5900 NEXT_CHANGE#=281474976710655 STATUS=CURRENT
 * Only the current incarnation counts (after OPEN RESETLOGS an older incarnation's logs with the
 * same thread and sequence stay listed), and only copies on a local, VALID destination can be read
 * (a remote or failed destination's copy cannot, whatever its DEST_ID). An archived copy is
 * preferred over the online one (an online group is reused after the next switches); of several
 * readable copies the lowest DEST_ID wins. Every thread (RAC) is covered on its own: a hole in the
 * sequence of a thread, or a first log that starts after the requested SCN, is a LogMissingError
 * naming the SCN, thread and sequence.
 */

/** V$LOG.NEXT_CHANGE# of the CURRENT log: the highest possible SCN (2^48 - 1). */
export const OPEN_ENDED_SCN = 281474976710655n;

export interface ArchivedLogRow {
  name: string | null;
  thread: number;
  sequence: number;
  firstScn: Scn;
  nextScn: Scn;
  firstTimeMs: number;
  /** NEXT_TIME: when the log was switched out; retention is counted from it. */
  nextTimeMs?: number | null;
  destId: number;
  deleted: boolean;
  /** 'A' available, 'D' deleted, 'U' unavailable, 'X' expired. */
  status: string;
  /** RESETLOGS_CHANGE#: the incarnation the log belongs to. */
  resetlogsScn: Scn;
  /** Its destination is LOCAL and VALID (V$ARCHIVE_DEST_STATUS): a copy LogMiner on this host can open. */
  localValid: boolean;
}

export interface OnlineLogRow {
  member: string;
  thread: number;
  sequence: number;
  firstScn: Scn;
  nextScn: Scn | null;
  status: 'CURRENT' | 'ACTIVE' | 'INACTIVE';
  firstTimeMs: number;
}

function overlaps(firstScn: Scn, nextScn: Scn | null, from: Scn, to: Scn | null): boolean {
  return (nextScn === null || nextScn > from) && (to === null || firstScn < to);
}

export function pickLogFiles(allArchived: ArchivedLogRow[], online: OnlineLogRow[], from: Scn, to: Scn | null, currentResetlogsScn: Scn | null = null): RedoLogFile[] {
  const archived = currentResetlogsScn === null ? allArchived : allArchived.filter((a) => a.resetlogsScn === currentResetlogsScn);
  const byThread = new Map<number, Map<number, RedoLogFile>>();
  const slot = (thread: number) => byThread.get(thread) ?? byThread.set(thread, new Map()).get(thread)!;
  for (const a of [...archived].sort((x, y) => x.destId - y.destId)) {
    if (a.deleted || a.status !== 'A' || !a.name || !a.localValid || !overlaps(a.firstScn, a.nextScn, from, to)) continue;
    const files = slot(a.thread);
    if (!files.has(a.sequence)) {
      files.set(a.sequence, { name: a.name, thread: a.thread, sequence: a.sequence, firstScn: a.firstScn, nextScn: a.nextScn, kind: 'ARCHIVED', firstTimeMs: a.firstTimeMs, nextTimeMs: a.nextTimeMs ?? null });
    }
  }
  for (const o of online) {
    const next = o.nextScn === null || o.nextScn >= OPEN_ENDED_SCN ? null : o.nextScn;
    if (!overlaps(o.firstScn, next, from, to)) continue;
    const files = slot(o.thread);
    if (!files.has(o.sequence)) {
      files.set(o.sequence, { name: o.member, thread: o.thread, sequence: o.sequence, firstScn: o.firstScn, nextScn: next, kind: 'ONLINE', status: o.status, firstTimeMs: o.firstTimeMs });
    }
  }
  if (byThread.size === 0) {
    const gone = archived.find((a) => a.firstScn <= from && a.nextScn > from);
    throw new LogMissingError({ scn: from, thread: gone?.thread ?? 1, sequence: gone?.sequence ?? null, detail: 'no archived or online redo log covers it' });
  }
  const out: RedoLogFile[] = [];
  for (const [thread, files] of [...byThread].sort((a, b) => a[0] - b[0])) {
    const list = [...files.values()].sort((a, b) => a.sequence - b.sequence);
    const first = list[0]!;
    if (first.firstScn > from) {
      const gone = archived.find((a) => a.thread === thread && a.firstScn <= from && a.nextScn > from);
      throw new LogMissingError({ scn: from, thread, sequence: gone?.sequence ?? first.sequence - 1, detail: describeGone(gone) });
    }
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      if (list[i]!.sequence !== prev.sequence + 1) {
        const seq = prev.sequence + 1;
        const gone = archived.find((a) => a.thread === thread && a.sequence === seq);
        throw new LogMissingError({ scn: prev.nextScn ?? from, thread, sequence: seq, detail: describeGone(gone) });
      }
    }
    const last = list[list.length - 1]!;
    if (last.nextScn !== null && (to === null || last.nextScn < to)) {
      throw new LogMissingError({ scn: last.nextScn, thread, sequence: last.sequence + 1, detail: 'the log after the last available one is not listed yet' });
    }
    out.push(...list);
  }
  return out;
}

function describeGone(gone: ArchivedLogRow | undefined): string {
  if (!gone) return 'it is not listed in V$ARCHIVED_LOG any more';
  if (gone.deleted || gone.status === 'D') return `archived log ${gone.name ?? `sequence ${gone.sequence}`} was deleted`;
  return `archived log ${gone.name ?? `sequence ${gone.sequence}`} has status ${gone.status}`;
}
