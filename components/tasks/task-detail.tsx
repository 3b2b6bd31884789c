'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/provider';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatDateTime } from '@/components/ui/format';
import { isEditable, type TaskStatus } from '@/server/model/task-status';
import { AlertingPanel } from './alerting-panel';
import { ApiCallPreview } from './api-call-preview';
import { EditTaskLink } from './edit-task-link';
import { ConfigSummary } from './config-summary';
import { LagExplainer } from './lag-explainer';
import { formatDuration } from './metric-format';
import { PerformanceCharts } from './performance-charts';
import { PhaseCards } from './phase-cards';
import { PrecheckPanel } from './precheck-panel';
import { TableProgressSection } from './table-progress';
import { ModifyObjects } from './modify-objects';
import { TaskActions } from './task-actions';
import { TaskLogs } from './task-logs';
import { VerificationPanel } from './verification-panel';
import './monitor.css';

const LIVE: TaskStatus[] = ['Migrating', 'Retrying', 'Prechecking'];
const RUNNING: TaskStatus[] = ['Migrating', 'Retrying', 'Paused'];
const BEFORE_START: TaskStatus[] = ['NotStarted', 'Prechecking', 'PrecheckFailed', 'PrecheckPassed'];

/** The task dashboard: status and controls, per-phase progress, the lag explainer, performance charts, alerts, logs, settings. Refreshes every 3 s. */
export function TaskDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const task = useQuery({ ...trpc.task.get.queryOptions({ id }), refetchInterval: 3000 });
  const progress = useQuery({ ...trpc.taskMonitor.progress.queryOptions({ id }), refetchInterval: 3000 });
  if (task.isPending) return <div className="card muted">Loading task…</div>;
  if (task.isError) {
    return (
      <div className="alert error" role="alert">
        {task.error.message} <Link href="/tasks">Back to tasks</Link>
      </div>
    );
  }
  const t = task.data;
  const p = progress.data;
  const live = LIVE.includes(t.status);
  const beforeStart = BEFORE_START.includes(t.status);
  const incremental = (t.config as { migrationTypes?: { incremental?: boolean } }).migrationTypes?.incremental ?? true;

  return (
    <div data-testid="task-dashboard" data-status={t.status}>
      <PageHeader
        title={t.name}
        subtitle={
          <span>
            <span className="mono">{t.id}</span> · <StatusBadge status={t.status} /> · created {formatDateTime(t.createdAt)}
            {p?.startedAt ? ` · started ${formatDateTime(p.startedAt)}` : ''}
            {p?.startedAt && !p.finishedAt && live ? ` · running for ${formatDuration((progress.dataUpdatedAt - new Date(p.startedAt).getTime()) / 1000)}` : ''}
            {p?.finishedAt ? ` · ended ${formatDateTime(p.finishedAt)}` : ''}
            {p ? <WorkerNote cluster={p.cluster} worker={p.worker} /> : null}
          </span>
        }
        actions={
          <>
            {isEditable(t.status) ? <EditTaskLink id={t.id} testId="dashboard-edit-task" /> : null}
            <ModifyObjects task={t} />
            <TaskActions taskId={t.id} status={t.status} />
            <ApiCallPreview task={t} />
            <Link className="btn" href="/tasks">Back to tasks</Link>
          </>
        }
      />
      <StatusBanner status={t.status} error={p?.errorMessage ?? null} />
      {progress.isError ? <div className="alert error">Could not load progress: {progress.error.message}</div> : null}
      {p ? <PhaseCards progress={p} /> : <div className="card muted">Loading progress…</div>}
      {p ? <TableProgressSection progress={p} /> : null}
      {beforeStart ? <PrecheckPanel taskId={t.id} /> : null}
      {RUNNING.includes(t.status) ? <LagExplainer taskId={t.id} /> : null}
      <PerformanceCharts taskId={t.id} live={live} />
      <AlertingPanel taskId={t.id} status={t.status} incremental={incremental} />
      {beforeStart ? null : <VerificationPanel taskId={t.id} />}
      <TaskLogs taskId={t.id} live={live} />
      <ConfigSummary task={t} />
    </div>
  );
}

function StatusBanner({ status, error }: { status: TaskStatus; error: string | null }) {
  switch (status) {
    case 'NotStarted':
    case 'PrecheckFailed':
      return (
        <div className="alert info" data-testid="status-banner">
          This task has not started. Its precheck must pass first; progress, performance and logs appear here once it runs. Edit Task opens its settings in the wizard.
        </div>
      );
    case 'PrecheckPassed':
      return <div className="alert info" data-testid="status-banner">The precheck passed. Start the task from the last step of the Create Task wizard (Buy and Start).</div>;
    case 'Retrying':
      return <div className="alert warn" data-testid="status-banner">The task is retrying{error ? `: ${error}` : '.'} It resumes by itself when the problem clears, within the retry time set in Advanced Settings.</div>;
    case 'Failed':
      return <div className="alert error" data-testid="status-banner">The task failed{error ? `: ${error}` : '.'}</div>;
    case 'Paused':
      return <div className="alert warn" data-testid="status-banner">The task is paused. Resume it to continue from its last checkpoint.</div>;
    case 'Released':
      return <div className="alert info" data-testid="status-banner">This task was released. It no longer reads from the source or writes to Kafka.</div>;
    default:
      return null;
  }
}

/** Which worker runs the task (cluster mode; in the single-process default the console runs it). */
function WorkerNote({ cluster, worker }: { cluster: string; worker: { id: string; host: string; alive: boolean } | null }) {
  if (worker) {
    return (
      <span data-testid="task-worker" data-worker={worker.id}>
        {' '}· cluster {cluster}, worker <Link href="/admin/workers" className="mono">{worker.id}</Link> on {worker.host}
        {worker.alive ? '' : ' (silent: moving to another worker)'}
      </span>
    );
  }
  return null;
}
