import { describe, expect, it } from 'vitest';
import { LogMissingError } from '../errors';
import { mineAll, minerGateway, testDb } from '../../../test/support/oracle/sim-fixtures';
import { collectMined } from '../logminer/collect';

function commitRows(db: ReturnType<typeof testDb>['db'], from: number, n: number, owner = 'APP'): void {
  const s = db.session(owner);
  for (let i = from; i < from + n; i++) {
    s.insert(owner, 'EMP', { ID: i, NAME: `row ${i}` });
    s.commit();
  }
}

describe('redo logs', () => {
  it('switch when full, archive the switched log and keep SCN ranges contiguous', async () => {
    const { db } = testDb({ logSizeBytes: 2000 });
    const gw = minerGateway(db);
    const start = await gw.currentScn();
    commitRows(db, 1, 40);
    const files = await gw.logFilesFor(start, null);
    expect(files.length).toBeGreaterThan(3);
    const current = files.at(-1)!;
    expect(current).toMatchObject({ kind: 'ONLINE', status: 'CURRENT', nextScn: null });
    const archived = files.slice(0, -1);
    expect(archived.every((f) => f.kind === 'ARCHIVED' && f.thread === 1)).toBe(true);
    for (let i = 1; i < files.length; i++) {
      expect(files[i]!.sequence).toBe(files[i - 1]!.sequence + 1);
      expect(files[i]!.firstScn).toBe(files[i - 1]!.nextScn);
    }
    const rows = await mineAll(gw, start);
    expect(rows.filter((r) => r.operation === 'INSERT')).toHaveLength(40);
  });

  it('mines only [fromScn, toScn) and only from the files given', async () => {
    const { db } = testDb({ logSizeBytes: 1500 });
    const gw = minerGateway(db);
    const start = await gw.currentScn();
    commitRows(db, 1, 30);
    const end = await gw.currentScn();
    const files = await gw.logFilesFor(start, null);
    const all = await collectMined(gw.mine({ fromScn: start, toScn: end + 1n, logFiles: files }));
    const mid = all[Math.floor(all.length / 2)]!.scn;
    const window = await collectMined(gw.mine({ fromScn: mid, toScn: mid + 5n, logFiles: files }));
    expect(window.every((r) => r.scn >= mid && r.scn < mid + 5n)).toBe(true);
    expect(window.length).toBe(all.filter((r) => r.scn >= mid && r.scn < mid + 5n).length);
    const partial = await collectMined(gw.mine({ fromScn: start, toScn: end + 1n, logFiles: files.slice(1) }));
    expect(partial.length).toBeLessThan(all.length);
    expect(partial[0]!.scn).toBeGreaterThanOrEqual(files[1]!.firstScn);
  });

  it('filters by owner but keeps transaction control rows', async () => {
    const { db } = testDb();
    const gw = minerGateway(db);
    db.createUser('OTHER', 'other');
    db.session('OTHER').ddl('CREATE TABLE EMP (ID NUMBER PRIMARY KEY, NAME VARCHAR2(20))');
    const start = await gw.currentScn();
    commitRows(db, 1, 1, 'OTHER');
    commitRows(db, 1, 1, 'APP');
    const rows = await mineAll(gw, start, ['APP']);
    expect(rows.map((r) => `${r.operation}:${r.segOwner}`)).toEqual(['START:null', 'COMMIT:null', 'START:null', 'INSERT:APP', 'COMMIT:null']);
  });

  it('fails with LogMissingError naming SCN, thread and sequence once an archived log is purged', async () => {
    const { db } = testDb({ logSizeBytes: 1500 });
    const gw = minerGateway(db);
    const start = await gw.currentScn();
    commitRows(db, 1, 30);
    const files = await gw.logFilesFor(start, null);
    const second = files[1]!;
    db.faults.purgeLog(second.sequence);
    const err = await gw.logFilesFor(start, null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LogMissingError);
    expect(err).toMatchObject({ code: 'ORACLE_LOG_MISSING', retriable: false, thread: 1, sequence: second.sequence, scn: second.firstScn });
    expect((err as Error).message).toContain(`SCN ${second.firstScn}`);
    expect((err as LogMissingError).hint).toMatch(/retention.*full migration/s);
    // Mining with a stale file list fails the same way (ADD_LOGFILE of a deleted file).
    await expect(collectMined(gw.mine({ fromScn: start, toScn: (await gw.currentScn()) + 1n, logFiles: files }))).rejects.toBeInstanceOf(LogMissingError);
    // Purging everything before the current log makes the start SCN unreachable.
    db.purgeArchivedLogs(files.at(-1)!.sequence);
    await expect(gw.logFilesFor(start, null)).rejects.toMatchObject({ sequence: files[0]!.sequence });
    expect(await gw.logFilesFor(files.at(-1)!.firstScn, null)).toHaveLength(1);
  });

  it('purges archived logs older than the retention window of sim time', async () => {
    const { db, clock } = testDb({ logSizeBytes: 1500, archiveRetentionHours: 1 });
    const gw = minerGateway(db);
    const start = await gw.currentScn();
    commitRows(db, 1, 20);
    const later = await gw.currentScn();
    clock.advance(2 * 3_600_000);
    commitRows(db, 100, 20);
    await expect(gw.logFilesFor(start, null)).rejects.toBeInstanceOf(LogMissingError);
    expect((await db.flags()).archiveRetentionHours).toBe(1);
    expect(later).toBeGreaterThan(start);
  });

  it('in NOARCHIVELOG mode overwrites online logs and archives nothing', async () => {
    const { db } = testDb({ logSizeBytes: 1500, archiveLog: false, redoGroups: 3 });
    const gw = minerGateway(db);
    const start = await gw.currentScn();
    commitRows(db, 1, 40);
    expect(db.redo.archivedLogRows()).toEqual([]);
    expect(db.redo.onlineLogRows()).toHaveLength(3);
    expect(db.flags().logMode).toBe('NOARCHIVELOG');
    await expect(gw.logFilesFor(start, null)).rejects.toBeInstanceOf(LogMissingError);
  });

  it('reports ORA-00310 (retriable) when an online log listed for mining was reused meanwhile', async () => {
    const { db } = testDb({ logSizeBytes: 1_000_000 });
    const gw = minerGateway(db);
    const start = await gw.currentScn();
    commitRows(db, 1, 3);
    const files = await gw.logFilesFor(start, null);
    expect(files).toHaveLength(1);
    for (let i = 0; i < 3; i++) db.switchLogfile();
    await expect(collectMined(gw.mine({ fromScn: start, toScn: (await gw.currentScn()) + 1n, logFiles: files }))).rejects.toMatchObject({ code: 'ORA-00310', retriable: true });
    // The archived copy has the rows.
    const again = await gw.logFilesFor(start, null);
    expect(again[0]!.kind).toBe('ARCHIVED');
    expect((await collectMined(gw.mine({ fromScn: start, toScn: (await gw.currentScn()) + 1n, logFiles: again }))).filter((r) => r.operation === 'INSERT')).toHaveLength(3);
  });
});
