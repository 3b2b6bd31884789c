import { describe, expect, it } from 'vitest';
import { taskDiagnostics } from '@/test/support/task-diagnostics';
import { lagReasons } from './lag-reasons';

const base = taskDiagnostics({ currentScn: '5000', checkpointScn: '4000' });

describe('lagReasons', () => {
  it('says nothing when nothing holds the task back', () => {
    expect(lagReasons(base, 60)).toEqual([]);
  });

  it('names the long-open transaction first, and whether it may be dropped', () => {
    const tx = { xid: '0A001F00D3040000', startScn: '4000', startTimeMs: base.atMs - 7_200_000, ageMs: 7_200_000, userName: 'HR', rows: 3, bytes: 300, spilled: false, tables: ['HR.EMPLOYEES'] };
    const d = { ...base, openTransactions: [tx], activeTransactions: 1, throttle: { ...base.throttle, capping: 'instance-class' as const } };
    const [first, second] = lagReasons(d, 60);
    expect(first).toBe('Transaction 0A001F00D3040000 has been open for 2 h 00 min: the restart position cannot pass its first change (SCN 4000); it is older than the transaction retention and can be dropped.');
    expect(second).toContain('instance class caps writing (1,000 records/s)');
    expect(lagReasons(d, 180)[0]).not.toContain('can be dropped');
  });

  it('reports back-pressure, retries and a needed log about to be purged', () => {
    const d = {
      ...base,
      backPressure: { waits: 4, waitedMs: 2500 },
      retries: { total: 2, last: [{ atMs: base.atMs - 1000, reason: 'ORA-03113: end-of-file on communication channel' }] },
      logRetention: { retentionHours: 24, thread: 1, sequence: 17, name: '/arch/1_17.arc', completedAtMs: base.atMs - 23 * 3600_000, purgeAtMs: base.atMs + 3600_000, checkedAtMs: base.atMs },
    };
    const r = lagReasons(d, 60);
    expect(r).toHaveLength(3);
    expect(r[0]).toBe('Kafka back-pressure: 4 appends waited 2.5 s for acknowledgements.');
    expect(r[1]).toContain('ORA-03113');
    expect(r[2]).toContain('Archived log 17 (/arch/1_17.arc)');
  });
});
