import { describe, expect, it } from 'vitest';
import { LogMissingError } from '../errors';
import { pickLogFiles, type ArchivedLogRow, type OnlineLogRow } from './log-files';

const arch = (sequence: number, first: bigint, next: bigint, extra: Partial<ArchivedLogRow> = {}): ArchivedLogRow => ({
  name: `/arch/1_${sequence}.arc`, thread: 1, sequence, firstScn: first, nextScn: next, firstTimeMs: 0, destId: 1, deleted: false, status: 'A', ...extra,
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
});
