'use client';

import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Refusable } from '@/components/auth/access-context';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import type { RouterOutputs } from '@/components/trpc/types';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatDateTime } from '@/components/ui/format';
import { isEditable, TASK_STATUS_LABEL, TASK_STATUSES, type TaskStatus } from '@/server/model/task-status';
import { ConfirmDialog } from './confirm-dialog';
import { EditTaskLink } from './edit-task-link';
import { formatLatency, formatPercent } from './metric-format';
import { TaskActions } from './task-actions';
import { environmentTags, filterTasks, NO_TAG, type TaskFilter } from './task-filter';
import './monitor.css';

type Summary = RouterOutputs['task']['list'][number];
type Progress = RouterOutputs['taskMonitor']['listProgress'][string];

/** A running task is the engine's: it must be paused or released (Release) before it can be deleted. */
const NOT_DELETABLE: TaskStatus[] = ['Migrating', 'Retrying', 'Prechecking', 'Paused'];
const SHORT = { schema: 'Schema', full: 'Full', incremental: 'Incremental' } as const;
/** Statuses whose incremental latency is current (a stopped task's last sample would mislead). */
const LIVE: TaskStatus[] = ['Migrating', 'Retrying'];

export function TaskList() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const tasks = useQuery({ ...trpc.task.list.queryOptions(), refetchInterval: 5_000 });
  const progress = useQuery({ ...trpc.taskMonitor.listProgress.queryOptions(), refetchInterval: 5_000 });
  const [deleting, setDeleting] = useState<Summary | null>(null);
  const [filter, setFilter] = useState<TaskFilter>({ search: '', status: '', environment: '' });
  const remove = useMutation(
    trpc.task.delete.mutationOptions({
      onSuccess: async () => {
        setDeleting(null);
        await Promise.all([qc.invalidateQueries({ queryKey: trpc.task.list.queryKey() }), qc.invalidateQueries({ queryKey: trpc.taskMonitor.listProgress.queryKey() })]);
      },
    }),
  );

  if (tasks.isPending) return <div className="card muted">Loading tasks…</div>;
  if (tasks.isError) return <div className="alert error">Could not load tasks: {tasks.error.message}</div>;
  if (tasks.data.length === 0) {
    return (
      <div className="card empty" data-testid="tasks-empty">
        <div className="title">No migration tasks yet</div>
        <p>Create a task to move schema, full data and live changes from an Oracle database into a Kafka topic.</p>
        <CreateTaskLink />
      </div>
    );
  }
  const shown = filterTasks(tasks.data, filter);
  const tags = environmentTags(tasks.data);
  return (
    <div className="card" style={{ padding: 0, overflowX: 'auto' }}>
      <div className="toolbar list-filters" data-testid="task-filters">
        <input
          className="input"
          type="search"
          name="search"
          placeholder="Search by task ID, name, source or destination"
          aria-label="Search tasks"
          value={filter.search}
          onChange={(e) => setFilter({ ...filter, search: e.target.value })}
        />
        <select className="input" name="status" aria-label="Filter by status" value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value as TaskFilter['status'] })}>
          <option value="">All statuses</option>
          {TASK_STATUSES.map((st) => (
            <option key={st} value={st}>{TASK_STATUS_LABEL[st]}</option>
          ))}
        </select>
        <select className="input" name="environment" aria-label="Filter by environment tag" value={filter.environment} onChange={(e) => setFilter({ ...filter, environment: e.target.value })}>
          <option value="">All environments</option>
          {tags.map((t) => (
            <option key={t} value={t}>{t}</option>
          ))}
          <option value={NO_TAG}>No environment tag</option>
        </select>
        <span className="muted" data-testid="task-count">
          {shown.length === tasks.data.length ? `${tasks.data.length} task${tasks.data.length === 1 ? '' : 's'}` : `${shown.length} of ${tasks.data.length} tasks`}
        </span>
      </div>
      <table className="data" data-testid="tasks-table">
        <thead>
          <tr>
            <th>Task ID / Name</th>
            <th>Status</th>
            <th>Environment</th>
            <th>Migration Types</th>
            <th>Progress</th>
            <th>Latency</th>
            <th>Source → Destination</th>
            <th>Created</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 ? (
            <tr>
              <td colSpan={9} className="muted" data-testid="tasks-none-match">No task matches the search and filters.</td>
            </tr>
          ) : null}
          {shown.map((t) => {
            const p = progress.data?.[t.id];
            return (
              <tr key={t.id} data-task-id={t.id}>
                <td>
                  <div className="mono muted" style={{ fontSize: 11, whiteSpace: 'nowrap' }}>{t.id}</div>
                  <Link href={`/tasks/${t.id}`}>{t.name}</Link>
                </td>
                <td style={{ whiteSpace: 'nowrap' }}>
                  <StatusBadge status={t.status} />
                  {t.workerId ? <div className="mono muted" style={{ fontSize: 11 }} data-col="worker" title="The worker running the task">on {t.workerId}</div> : null}
                </td>
                <td data-col="environment">{t.environmentTag ? <span className="badge">{t.environmentTag}</span> : <span className="muted">—</span>}</td>
                <td data-col="types"><Types p={p} /></td>
                <td data-col="progress"><PhaseProgress p={p} /></td>
                <td data-col="latency" style={{ whiteSpace: 'nowrap' }}>
                  {t.latency && LIVE.includes(t.status) ? formatLatency(t.latency.ms) : <span className="muted">—</span>}
                </td>
                <td className="mono" style={{ fontSize: 12 }}>
                  <div>{t.source}</div>
                  <div className="muted">→ {t.destination}</div>
                </td>
                <td style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
                  {formatDateTime(t.createdAt).split(' ').map((part) => (
                    <div key={part}>{part}</div>
                  ))}
                </td>
                <td className="row-actions" data-col="actions">
                  <Link className="btn btn-link" href={`/tasks/${t.id}`}>View</Link>
                  {isEditable(t.status) ? <EditTaskLink id={t.id} className="btn btn-link" testId="edit-task" /> : null}
                  <TaskActions taskId={t.id} status={t.status} only={['pause', 'resume']} link />
                  {NOT_DELETABLE.includes(t.status) ? null : (
                    <Refusable path="task.delete">
                      {(refused) => (
                        <button className="btn btn-link" data-testid="delete-task" disabled={refused} onClick={() => { remove.reset(); setDeleting(t); }}>
                          Delete
                        </button>
                      )}
                    </Refusable>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {deleting ? (
        <ConfirmDialog
          title="Delete the task?"
          confirmLabel="Delete"
          danger
          busy={remove.isPending}
          error={remove.isError ? describeApiError(remove.error) : null}
          onCancel={() => setDeleting(null)}
          onConfirm={() => remove.mutate({ id: deleting.id })}
        >
          <p style={{ marginTop: 0 }}>
            Task <b>{deleting.name}</b> <span className="mono muted">{deleting.id}</span> and its settings, precheck results, progress and logs are removed from this console.
          </p>
          <p style={{ marginBottom: 0 }}>Records it already wrote to Kafka stay in the topic.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** Create Task, or a disabled button saying which role it needs. */
export function CreateTaskLink({ testId }: { testId?: string }) {
  return (
    <Refusable path="task.saveDraft">
      {(refused) =>
        refused ? (
          <button className="btn btn-primary" data-testid={testId} disabled>
            Create Task
          </button>
        ) : (
          <Link className="btn btn-primary" href="/tasks/new" data-testid={testId}>
            Create Task
          </Link>
        )
      }
    </Refusable>
  );
}

function Types({ p }: { p: Progress | undefined }) {
  if (!p) return <span className="muted">—</span>;
  if (!p.migrationTypes) return <span className="muted">Not configured</span>;
  const chosen = (['schema', 'full', 'incremental'] as const).filter((k) => p.migrationTypes![k]);
  return (
    <div className="chips">
      {chosen.map((k) => (
        <span key={k} className="badge">{SHORT[k]}</span>
      ))}
    </div>
  );
}

function PhaseProgress({ p }: { p: Progress | undefined }) {
  if (!p) return <span className="muted">—</span>;
  const chosen = (['schema', 'full', 'incremental'] as const).filter((k) => (p.migrationTypes ? p.migrationTypes[k] : true));
  if (p.phases.length === 0) return <span className="muted">Not started</span>;
  return (
    <div className="mini-progress">
      {chosen.map((k) => {
        const ph = p.phases.find((x) => x.phase === k);
        const pct = ph?.percent ?? 0;
        const tone = ph?.status === 'Failed' ? 'err' : ph?.status === 'Finished' ? 'ok' : ph?.status === 'Paused' ? 'warn' : '';
        return (
          <div key={k} style={{ display: 'contents' }} data-phase={k}>
            <span>{SHORT[k]}</span>
            <div className={`progress ${tone}`}>
              <span style={{ width: `${pct}%` }} />
            </div>
            <span className="pct">{ph ? formatPercent(pct) : '—'}</span>
          </div>
        );
      })}
    </div>
  );
}
