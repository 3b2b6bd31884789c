'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/provider';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatDateTime } from '@/components/ui/format';

export function TaskList() {
  const trpc = useTRPC();
  const tasks = useQuery({ ...trpc.task.list.queryOptions(), refetchInterval: 5_000 });

  if (tasks.isPending) return <div className="card muted">Loading tasks…</div>;
  if (tasks.isError) return <div className="alert error">Could not load tasks: {tasks.error.message}</div>;
  if (tasks.data.length === 0) {
    return (
      <div className="card empty" data-testid="tasks-empty">
        <div className="title">No migration tasks yet</div>
        <p>Create a task to move schema, full data and live changes from an Oracle database into a Kafka topic.</p>
        <Link className="btn btn-primary" href="/tasks/new">Create Task</Link>
      </div>
    );
  }
  return (
    <div className="card" style={{ padding: 0 }}>
      <table className="data" data-testid="tasks-table">
        <thead>
          <tr>
            <th>Task ID / Name</th>
            <th>Status</th>
            <th>Source</th>
            <th>Destination</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {tasks.data.map((t) => (
            <tr key={t.id} data-task-id={t.id}>
              <td>
                <div className="mono muted" style={{ fontSize: 12 }}>{t.id}</div>
                <Link href={`/tasks/${t.id}`}>{t.name}</Link>
              </td>
              <td><StatusBadge status={t.status} /></td>
              <td className="mono">{t.source}</td>
              <td className="mono">{t.destination}</td>
              <td>{formatDateTime(t.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
