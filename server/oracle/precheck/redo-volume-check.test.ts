import { describe, expect, it } from 'vitest';
import { OracleError } from '../../model/errors';
import type { ArchivedLogVolume, OracleGateway } from '../gateway';
import { checkRedoVolume, redoVolumeItem } from './redo-volume-check';

const GB = 2 ** 30;
const MB = 2 ** 20;
const T0 = Date.UTC(2026, 11, 7, 0, 0, 0);
const inc = { schema: false, full: true, incremental: true };
/** Logs of `bytes` each, one every `everySec` seconds, current for `currentSec` seconds. */
function logs(n: number, bytes: number, currentSec: number, thread = 1): ArchivedLogVolume[] {
  return Array.from({ length: n }, (_, i) => ({ thread, sequence: 100 + i, firstTimeMs: T0 + i * currentSec * 1000, nextTimeMs: T0 + (i + 1) * currentSec * 1000, bytes }));
}

describe('ORACLE_REDO_VOLUME', () => {
  it('passes within DTS limits, naming the figures', () => {
    const r = checkRedoVolume(logs(48, 1 * GB, 1800), inc); // 48 GB a day, 1 GB per 30 min
    expect(r.status).toBe('passed');
    expect(r.detail).toBe("Redo of the last 24 h: 48.0 GB (2.0 GB/h on average); peak 0.6 MB/s (thread 1, sequence 100). Within DTS's limits for one task (50 GB/h on average, 15 MB/s at peak).");
  });

  it('warns above 50 GB/h on average or 15 MB/s at peak, naming the busiest log', () => {
    const heavy = checkRedoVolume(logs(1300, 1 * GB, 66), inc); // 1,300 GB a day
    expect(heavy).toMatchObject({ status: 'warning', detail: expect.stringContaining('1,300.0 GB (54.2 GB/h on average)') });
    // A quiet day but one 2-GB log filled in a minute on thread 2: the peak alone warns.
    const burst = checkRedoVolume([...logs(10, 100 * MB, 3600), { thread: 2, sequence: 7, firstTimeMs: T0, nextTimeMs: T0 + 60_000, bytes: 2 * GB }], inc);
    expect(burst).toMatchObject({ status: 'warning', detail: expect.stringContaining('peak 34.1 MB/s (thread 2, sequence 7)'), hint: expect.stringContaining('several tasks') });
    // A manual log switch within a second counts as written in one second, not at an infinite rate.
    expect(checkRedoVolume([{ thread: 1, sequence: 1, firstTimeMs: T0, nextTimeMs: T0, bytes: 4 * MB }], inc).status).toBe('passed');
  });

  it('passes without archived logs, and for tasks that read no redo', () => {
    expect(checkRedoVolume([], inc)).toMatchObject({ status: 'passed', detail: expect.stringContaining('No redo log was archived in the last 24 hours') });
    expect(checkRedoVolume(logs(2000, GB, 10), { schema: true, full: true, incremental: false })).toMatchObject({ status: 'passed', detail: 'Only incremental migration reads the redo.' });
  });
});

describe('ORACLE_REDO_VOLUME reading the logs', () => {
  const gw = (fail: Error | null) => ({ archivedLogVolume: async () => (fail ? Promise.reject(fail) : logs(2, GB, 3600)) }) as unknown as OracleGateway;

  it('warns when the database refuses the read, and lets a lost connection through', async () => {
    expect(await redoVolumeItem(gw(null), inc)).toMatchObject({ status: 'passed', detail: expect.stringContaining('2.0 GB') });
    const refused = new OracleError('ORA-00942', 'ORA-00942: table or view does not exist', { retriable: false });
    expect(await redoVolumeItem(gw(refused), inc)).toMatchObject({ status: 'warning', detail: expect.stringContaining('ORA-00942') });
    const lost = new OracleError('ORA-03113', 'ORA-03113: end-of-file on communication channel', { retriable: true });
    await expect(redoVolumeItem(gw(lost), inc)).rejects.toBe(lost);
  });
});
