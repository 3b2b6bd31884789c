import { appendTaskLog } from '../store/task-repository';
import { beginVerificationRun, completeVerificationRun, failVerificationRun } from '../store/verification-repository';
import { storedTaskConfig } from './stored-task-config';
import { verifyTaskNow } from './verify-task-now';

/**
 * "Verify data" on the task page: a run row is created at once (Running), the verification runs in
 * the background and stores its report — or the error that stopped it — when done; the page polls
 * the run list. The task log names who asked and the outcome.
 */
export async function startVerification(taskId: string, by: string, opts: { scn?: bigint; recentMinutes?: number } = {}): Promise<{ runId: number; done: Promise<void> }> {
  const config = await storedTaskConfig(taskId);
  const runId = await beginVerificationRun(taskId, by);
  const what = opts.recentMinutes ? `Incremental data verification (keys changed in the last ${opts.recentMinutes} min)` : 'Data verification';
  await appendTaskLog(taskId, 'INFO', `${what} ${runId} started by ${by}${opts.scn === undefined ? '' : ` at SCN ${opts.scn}`}.`);
  const done = (async () => {
    try {
      const report = await verifyTaskNow({ taskId, config, ...(opts.scn === undefined ? {} : { scn: opts.scn }), ...(opts.recentMinutes ? { recent: { sinceMs: Date.now() - opts.recentMinutes * 60_000 } } : {}) });
      await completeVerificationRun(runId, report);
      const differences = report.tables.reduce((n, t) => n + t.missingCount + t.extraCount + t.differentCount, 0);
      await appendTaskLog(taskId, report.outcome === 'passed' ? 'INFO' : 'WARN', `Data verification ${runId} at SCN ${report.scn}: ${report.outcome}${differences > 0 ? ` (${differences} row difference(s))` : ''}.`);
    } catch (e) {
      const err = e as Error & { hint?: string };
      const message = `${err.message}${err.hint ? ` ${err.hint}` : ''}`;
      await failVerificationRun(runId, message).catch(() => undefined);
      await appendTaskLog(taskId, 'ERROR', `Data verification ${runId} failed: ${message}`).catch(() => undefined);
    }
  })();
  return { runId, done };
}
