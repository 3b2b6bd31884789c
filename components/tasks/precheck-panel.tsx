'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { describeApiError } from '@/components/trpc/error-message';
import { Refusable, useRefusal } from '@/components/auth/access-context';
import { useTRPC } from '@/components/trpc/provider';
import { formatDateTime } from '@/components/ui/format';
import { PrecheckItems, type PrecheckItem, type PrecheckRun } from './precheck-items';
import './monitor.css';

/**
 * Precheck of one task: progress bar with the success rate, the items, Precheck Again. With
 * `autoStart`, a task whose settings changed since its last precheck (status Not Started) is
 * prechecked as soon as the panel opens, as DTS does after "Save Task Settings and Precheck".
 */
export function PrecheckPanel({ taskId, autoStart = false, onResult }: { taskId: string; autoStart?: boolean; onResult?(passed: boolean): void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [onlyProblems, setOnlyProblems] = useState(false);
  const task = useQuery(trpc.task.get.queryOptions({ id: taskId }));
  const latest = useQuery({ ...trpc.precheck.latest.queryOptions({ taskId }), refetchInterval: (q) => (q.state.data?.status === 'Running' ? 1000 : false) });
  // A run or an ignore changes the task's status and writes task log lines.
  const refreshTask = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: trpc.task.get.queryKey({ id: taskId }) }),
      qc.invalidateQueries({ queryKey: trpc.task.list.queryKey() }),
      qc.invalidateQueries({ queryKey: trpc.taskMonitor.pathKey() }),
    ]);
  const start = useMutation(
    trpc.precheck.start.mutationOptions({
      onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: trpc.precheck.latest.queryKey({ taskId }) }), refreshTask()]),
    }),
  );
  const ignore = useMutation(
    trpc.precheck.ignore.mutationOptions({
      onSuccess: (run) => {
        qc.setQueryData(trpc.precheck.latest.queryKey({ taskId }), run);
        return refreshTask();
      },
    }),
  );

  const run = latest.data ?? null;
  const runStatus = run?.status;
  // The task's status follows the run's verdict: re-read it whenever a run ends.
  const lastStatus = useRef(runStatus);
  useEffect(() => {
    if (lastStatus.current === 'Running' && runStatus !== 'Running') void refreshTask();
    lastStatus.current = runStatus;
  });

  const autoStarted = useRef(false);
  const status = task.data?.status;
  const mayStart = useRefusal('precheck.start') === null;
  useEffect(() => {
    if (!autoStart || !mayStart || autoStarted.current || status !== 'NotStarted' || !latest.isSuccess) return;
    autoStarted.current = true;
    start.mutate({ taskId });
  }, [autoStart, mayStart, status, latest.isSuccess, start, taskId]);

  const passed = run?.status === 'Passed' && status === 'PrecheckPassed';
  useEffect(() => onResult?.(passed), [passed, onResult]);

  const running = start.isPending || run?.status === 'Running';
  const stale = run !== null && status === 'NotStarted' && !running;
  const onIgnore = async (item: PrecheckItem, ignored: boolean) => {
    try {
      await ignore.mutateAsync({ taskId, itemId: item.id, ignored });
    } catch (e) {
      throw describeApiError(e);
    }
  };

  return (
    <div className="card" data-testid="precheck-panel">
      <div className="section-head">
        <h2>Precheck</h2>
        <div className="toolbar" style={{ margin: 0 }}>
          <label className="muted">
            <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} /> Show only items that did not pass
          </label>
          <Refusable path="precheck.start">
            {(refused) => (
              <button className="btn btn-primary" data-testid="precheck-again" disabled={running || task.isPending || refused} onClick={() => start.mutate({ taskId })}>
                {running ? 'Checking…' : run ? 'Precheck Again' : 'Start Precheck'}
              </button>
            )}
          </Refusable>
        </div>
      </div>
      {start.isError ? <ApiAlert error={start.error} /> : null}
      {ignore.isError ? <ApiAlert error={ignore.error} /> : null}
      {latest.isError ? <ApiAlert error={latest.error} /> : null}
      {stale ? <div className="alert info">The settings changed after this precheck ran; run the precheck again before starting the task.</div> : null}
      {run ? (
        <>
          <Summary run={run} />
          <PrecheckItems run={run} onlyProblems={onlyProblems} busy={ignore.isPending || running} onIgnore={onIgnore} />
        </>
      ) : latest.isPending || start.isPending ? (
        <div className="muted">Starting the precheck…</div>
      ) : (
        <div className="empty" style={{ padding: 24 }}>
          <div className="title">The precheck has not run yet</div>
          <p>It checks both connections, the Oracle settings incremental migration needs, the account&apos;s privileges, the selected tables and the Kafka topics.</p>
        </div>
      )}
    </div>
  );
}

function Summary({ run }: { run: PrecheckRun }) {
  const s = run.summary;
  const running = run.status === 'Running';
  const width = running ? (s.total ? (100 * s.done) / s.total : 0) : s.successRate;
  return (
    <>
      <div className="precheck-summary" data-testid="precheck-progress" data-run={run.id} data-rate={s.successRate} data-outcome={run.status}>
        <div className={`progress lg ${running ? '' : run.status === 'Passed' ? 'ok' : 'err'}`} role="progressbar" aria-valuenow={Math.round(width)} aria-valuemin={0} aria-valuemax={100} aria-label={running ? 'Precheck progress' : 'Success rate'}>
          <span style={{ width: `${width}%` }} />
        </div>
        <div className="rate">{running ? `Checking… ${s.done} of ${s.total} items` : `Success Rate ${s.successRate}%`}</div>
        <div className="muted" style={{ gridColumn: '1 / -1' }}>
          {s.passed} passed · {s.failed} failed · {s.warnings} warning{s.warnings === 1 ? '' : 's'} · {s.ignored} ignored
          {run.finishedAt ? ` · finished ${formatDateTime(run.finishedAt)}` : ` · started ${formatDateTime(run.startedAt)}`}
        </div>
      </div>
      {run.status !== 'Running' && run.items.some((i) => i.ignorePending) ? (
        <div className="alert info" role="status" data-testid="precheck-pending-ignores">
          {run.items.filter((i) => i.ignorePending).length} ignored alert(s) count from the next run: click Precheck Again to reach the success rate with them ignored.
        </div>
      ) : null}
      {run.status === 'Passed' ? (
        <div className="alert success" role="status">The precheck passed{s.ignored ? ` with ${s.ignored} ignored item${s.ignored === 1 ? '' : 's'}` : ''}. You can continue.</div>
      ) : run.status === 'Failed' ? (
        <div className="alert warn" role="status">
          Not every item passed. Open View Details to see the cause and how to fix it, fix it, then click Precheck Again. Failed items must be fixed; alerts (warnings) can be ignored, and count as ignored after Precheck Again.
        </div>
      ) : null}
    </>
  );
}

function ApiAlert({ error }: { error: unknown }) {
  const d = describeApiError(error);
  return (
    <div className="alert error" role="alert">
      {d.message}
      {d.hint ? <div className="muted">{d.hint}</div> : null}
    </div>
  );
}
