import { describe, expect, it } from 'vitest';
import { alertRulesSchema } from '../../model/task-monitoring';
import { taskDiagnostics } from '../../../test/support/task-diagnostics';
import { evaluateAlerts, type AlertDecision, type AlertMemory, type AlertObservation } from './alert-evaluator';

const T0 = 1_800_000_000_000;
const diag = taskDiagnostics;

/** Runs the evaluator as the monitor does: a fired decision opens an episode, a resolved one closes it. */
function stepper(rulesIn: Record<string, unknown>, enabled = true) {
  const rules = alertRulesSchema.parse(rulesIn);
  const memory: AlertMemory = { since: {}, open: {} };
  let id = 0;
  return {
    memory,
    step(o: Partial<AlertObservation>, now: number): AlertDecision[] {
      const out = evaluateAlerts(rules, enabled, { status: 'Migrating', statusSinceMs: T0, reason: null, diagnostics: diag(), fullRunningSinceMs: null, verification: null, ...o }, memory, now);
      for (const d of out) {
        if (d.kind === 'fired') memory.open[d.rule] = ++id;
        else delete memory.open[d.rule];
      }
      return out;
    },
  };
}

const only = (rule: string) => ({ taskFailed: { enabled: false }, retrying: { enabled: false }, latency: { enabled: false }, logRetention: { enabled: false }, [rule]: { enabled: true } });

describe('evaluateAlerts', () => {
  it('fires latency only after it stayed above the threshold for the duration, once per episode, and resolves when it drops', () => {
    const s = stepper({ ...only('latency'), latency: { enabled: true, seconds: 60, minutes: 5 } });
    const high = { diagnostics: diag({ latencyMs: 90_000 }) };
    expect(s.step(high, T0)).toEqual([]);
    expect(s.step(high, T0 + 4 * 60_000)).toEqual([]);
    const [fired] = s.step(high, T0 + 5 * 60_000);
    expect(fired).toEqual({ rule: 'latency', kind: 'fired', message: 'Latency has been above 60 s for 5 min (now 90 s).', value: 90, threshold: 60 });
    expect(s.step(high, T0 + 6 * 60_000)).toEqual([]);
    const [resolved] = s.step({ diagnostics: diag({ latencyMs: 20_000 }) }, T0 + 7 * 60_000);
    expect(resolved).toMatchObject({ rule: 'latency', kind: 'resolved', message: 'Latency is back under 60 s (now 20 s).' });
    // A dip restarts the clock: a new episode needs the full duration again.
    expect(s.step(high, T0 + 8 * 60_000)).toEqual([]);
    expect(s.step(high, T0 + 12 * 60_000)).toEqual([]);
    expect(s.step(high, T0 + 13 * 60_000)).toHaveLength(1);
  });

  it('fires task failed with the reason, and resolves when the task runs again', () => {
    const s = stepper(only('taskFailed'));
    expect(s.step({ status: 'Failed', reason: 'ORA-01291: missing logfile' }, T0)).toEqual([{ rule: 'taskFailed', kind: 'fired', message: 'The task failed: ORA-01291: missing logfile', value: null, threshold: null }]);
    expect(s.step({ status: 'Failed' }, T0 + 1000)).toEqual([]);
    expect(s.step({ status: 'Migrating' }, T0 + 2000)).toMatchObject([{ rule: 'taskFailed', kind: 'resolved' }]);
  });

  it('fires Retrying only after the configured minutes in that status', () => {
    const s = stepper({ ...only('retrying'), retrying: { enabled: true, minutes: 10 } });
    expect(s.step({ status: 'Retrying', statusSinceMs: T0, reason: 'ORA-03113' }, T0 + 9 * 60_000)).toEqual([]);
    expect(s.step({ status: 'Retrying', statusSinceMs: T0, reason: 'ORA-03113' }, T0 + 11 * 60_000)).toMatchObject([{ rule: 'retrying', kind: 'fired', message: 'The task has been Retrying for 11 min (more than 10 min): ORA-03113' }]);
  });

  it('fires on an open transaction older than the limit, naming its XID', () => {
    const s = stepper({ ...only('openTransaction'), openTransaction: { enabled: true, minutes: 30 } });
    const tx = (ageMs: number) => ({ xid: '0A001F00D3040000', startScn: '80', startTimeMs: T0 - ageMs, ageMs, userName: 'HR', rows: 3, bytes: 90, spilled: false, tables: ['HR.EMPLOYEES'] });
    expect(s.step({ diagnostics: diag({ openTransactions: [tx(29 * 60_000)] }) }, T0)).toEqual([]);
    const [f] = s.step({ diagnostics: diag({ openTransactions: [tx(31 * 60_000)] }) }, T0);
    expect(f!.message).toContain('Transaction 0A001F00D3040000 (HR, 3 rows of HR.EMPLOYEES) has been open for 31 min');
    expect(s.step({ diagnostics: diag() }, T0)).toMatchObject([{ kind: 'resolved' }]);
  });

  it('fires when a needed archived log is purged within the window, from its purge time', () => {
    const s = stepper({ ...only('logRetention'), logRetention: { enabled: true, hours: 2 } });
    const lr = (purgeAtMs: number) => ({ retentionHours: 24, thread: 1, sequence: 42, name: '/arch/1_42.arc', completedAtMs: purgeAtMs - 24 * 3600_000, purgeAtMs, checkedAtMs: T0 });
    expect(s.step({ diagnostics: diag({ logRetention: lr(T0 + 3 * 3600_000) }) }, T0)).toEqual([]);
    const [f] = s.step({ diagnostics: diag({ logRetention: lr(T0 + 3600_000) }) }, T0);
    expect(f!.message).toContain('Archived log thread 1 sequence 42 (/arch/1_42.arc)');
    expect(f!.value).toBe(1);
  });

  it('fires when the full load runs longer than allowed', () => {
    const s = stepper({ ...only('fullTooLong'), fullTooLong: { enabled: true, hours: 1 } });
    expect(s.step({ fullRunningSinceMs: T0 }, T0 + 3000_000)).toEqual([]);
    expect(s.step({ fullRunningSinceMs: T0 }, T0 + 3700_000)).toMatchObject([{ rule: 'fullTooLong', kind: 'fired' }]);
  });

  it('fires when the latest verification found differences or failed, not when it was unprovable, and resolves when one passes', () => {
    const s = stepper(only('verification'));
    const run = (runId: number, status: string, differences = 0, errorMessage: string | null = null) => ({ verification: { runId, status, scn: '5012345', differences, errorMessage } });
    expect(s.step({}, T0)).toEqual([]);
    expect(s.step(run(1, 'passed'), T0)).toEqual([]);
    expect(s.step(run(2, 'unprovable'), T0)).toEqual([]);
    expect(s.step(run(3, 'differences', 2), T0)).toEqual([
      { rule: 'verification', kind: 'fired', message: 'Data verification 3 at SCN 5012345 found 2 row difference(s) between the source and Kafka; open it on the task page for the keys and both images.', value: 2, threshold: null },
    ]);
    expect(s.step(run(4, 'failed', 0, 'ORA-01555: snapshot too old'), T0)).toEqual([]); // the same episode goes on
    expect(s.step(run(5, 'passed'), T0 + 1)).toEqual([{ rule: 'verification', kind: 'resolved', message: 'Data verification 5 at SCN 5012345: passed.', value: null, threshold: null }]);
    expect(s.step(run(6, 'failed', 0, 'ORA-01555: snapshot too old'), T0 + 2)).toMatchObject([{ rule: 'verification', kind: 'fired', message: 'Data verification 6 could not run: ORA-01555: snapshot too old' }]);
  });

  it('closes an open episode when the rule or alerting is turned off, and fires nothing while off', () => {
    const s = stepper(only('taskFailed'));
    s.step({ status: 'Failed' }, T0);
    const off = evaluateAlerts(alertRulesSchema.parse(only('taskFailed')), false, { status: 'Failed', statusSinceMs: T0, reason: null, diagnostics: null, fullRunningSinceMs: null, verification: null }, s.memory, T0 + 1);
    expect(off).toEqual([{ rule: 'taskFailed', kind: 'resolved', message: 'The rule was turned off.', value: null, threshold: null }]);
    const fresh: AlertMemory = { since: {}, open: {} };
    expect(evaluateAlerts(alertRulesSchema.parse(only('taskFailed')), false, { status: 'Failed', statusSinceMs: T0, reason: null, diagnostics: null, fullRunningSinceMs: null, verification: null }, fresh, T0)).toEqual([]);
  });
});
