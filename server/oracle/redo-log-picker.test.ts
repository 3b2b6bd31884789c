import { describe, expect, it } from 'vitest';
import { LogMissingError } from './errors';
import { pickLogFiles, type ArchivedLogRow, type OnlineLogRow } from './redo-log-picker';

const arch = (sequence: number, first: bigint, next: bigint, extra: Partial<ArchivedLogRow> = {}): ArchivedLogRow => ({
  name: `/arch/1_${sequence}.arc`, thread: 1, sequence, firstScn: first, nextScn: next, firstTimeMs: 0, destId: 1, deleted: false, status: 'A', resetlogsScn: 1n, localValid: true, ...extra,
});
const onl = (sequence: number, first: bigint, next: bigint | null, status: OnlineLogRow['status']): OnlineLogRow => ({
  member: `/redo/redo0${sequence % 3}.log`, thread: 1, sequence, firstScn: first, nextScn: next, status, firstTimeMs: 0,
});

describe('pickLogFiles', () => {
  const archived = [arch(10, 100n, 200n), arch(11, 200n, 300n), arch(11, 200n, 300n, { destId: 2, name: '/remote/1_11.arc' }), arch(12, 300n, 400n)];
  const online = [onl(12, 300n, 400n, 'INACTIVE'), onl(13, 400n, 281474976710655n, 'CURRENT')];

  it('covers the range, preferring archived copies and the lowest DEST_ID', () => {
    const files = pickLogFiles(archived, online, 250n, 450n);
    expect(files.map((f) => [f.sequence, f.kind, f.name, f.nextScn])).toEqual([
      [11, 'ARCHIVED', '/arch/1_11.arc', 300n],
      [12, 'ARCHIVED', '/arch/1_12.arc', 400n],
      [13, 'ONLINE', '/redo/redo01.log', null],
    ]);
    expect(pickLogFiles(archived, online, 150n, 200n).map((f) => f.sequence)).toEqual([10]);
  });

  it('names the purged sequence when the start SCN is no longer covered', () => {
    const purged = [arch(10, 100n, 200n, { deleted: true, status: 'D' }), ...archived.slice(1)];
    let err: unknown;
    try {
      pickLogFiles(purged, online, 150n, 450n);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LogMissingError);
    expect(err).toMatchObject({ scn: 150n, thread: 1, sequence: 10, retriable: false });
    expect((err as Error).message).toContain('was deleted');
  });

  it('detects a hole in the middle of the sequence', () => {
    const holed = archived.filter((a) => a.sequence !== 11);
    expect(() => pickLogFiles(holed, online, 150n, 450n)).toThrow(LogMissingError);
    try {
      pickLogFiles(holed, online, 150n, 450n);
    } catch (e) {
      expect(e).toMatchObject({ sequence: 11, scn: 200n });
    }
  });

  it('requires the current log when the range is open-ended', () => {
    expect(pickLogFiles(archived, online, 350n, null).map((f) => f.sequence)).toEqual([12, 13]);
    expect(() => pickLogFiles(archived, [], 350n, null)).toThrow(/sequence 13/);
  });

  it('reads only copies on a local, VALID destination, whatever their DEST_ID', () => {
    // LOG_ARCHIVE_DEST_1 is a remote service (or its disk failed: STATUS ERROR); DEST_2 is local.
    const twoDests = archived.flatMap((a) => [{ ...a, destId: 1, name: `remote:${a.name}`, localValid: false }, { ...a, destId: 2, name: `/local${a.name}` }]);
    expect(pickLogFiles(twoDests, online, 150n, 350n).map((f) => f.name)).toEqual(['/local/arch/1_10.arc', '/local/arch/1_11.arc', '/local/arch/1_12.arc']);
  });

  it('after OPEN RESETLOGS, ignores the older incarnation whose sequences collide with the current one', () => {
    // Point-in-time recovery to SCN 250, OPEN RESETLOGS: sequences restart at 1; the old incarnation's
    // logs 11 and 12 (which continued past 250) are still listed with RESETLOGS_CHANGE# 1.
    const rows = [arch(11, 200n, 300n), arch(12, 300n, 400n), arch(1, 250n, 320n, { resetlogsScn: 250n, name: '/arch/1_1_new.arc' })];
    const onlineNew = [onl(2, 320n, 281474976710655n, 'CURRENT')];
    const files = pickLogFiles(rows, onlineNew, 260n, 330n, 250n);
    expect(files.map((f) => [f.sequence, f.name])).toEqual([
      [1, '/arch/1_1_new.arc'],
      [2, '/redo/redo02.log'],
    ]);
    // Without the incarnation filter the old incarnation's sequences get in the way (here: a false hole).
    const unfiltered = (() => {
      try {
        return pickLogFiles(rows, onlineNew, 260n, 330n).map((f) => f.name);
      } catch (e) {
        return e;
      }
    })();
    expect(unfiltered).not.toEqual(['/arch/1_1_new.arc', '/redo/redo02.log']);
  });

  it('covers every RAC thread on its own', () => {
    const t2 = (sequence: number, first: bigint, next: bigint) => arch(sequence, first, next, { thread: 2, name: `/arch/2_${sequence}.arc` });
    const rows = [...archived, t2(5, 120n, 260n), t2(6, 260n, 380n)];
    const onl2 = [...online, { member: '/redo/redo11.log', thread: 2, sequence: 7, firstScn: 380n, nextScn: null, status: 'CURRENT' as const, firstTimeMs: 0 }];
    expect(pickLogFiles(rows, onl2, 250n, 390n).map((f) => `${f.thread}:${f.sequence}`)).toEqual(['1:11', '1:12', '2:5', '2:6', '2:7']);
    const hole = rows.filter((r) => !(r.thread === 2 && r.sequence === 6));
    expect(() => pickLogFiles(hole, onl2, 250n, 390n)).toThrow(/thread 2, sequence 6/);
  });
});
