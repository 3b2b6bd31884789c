'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/trpc/provider';
import { formatDateTime } from '@/components/ui/format';
import './monitor.css';

const FILTERS = [
  { id: 'all', label: 'All levels', levels: undefined },
  { id: 'warn', label: 'Warnings and errors', levels: ['WARN', 'ERROR'] as ('WARN' | 'ERROR')[] },
  { id: 'error', label: 'Errors', levels: ['ERROR'] as 'ERROR'[] },
] as const;

const TONE: Record<string, string> = { INFO: 'info', WARN: 'warn', ERROR: 'err' };

/** Task logs, newest first, with a level filter and "Load older entries". */
export function TaskLogs({ taskId, live }: { taskId: string; live: boolean }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]['id']>('all');
  const levels = FILTERS.find((f) => f.id === filter)!.levels;
  const logs = useInfiniteQuery({
    ...trpc.taskMonitor.logs.infiniteQueryOptions({ id: taskId, limit: 50, ...(levels ? { levels: [...levels] } : {}) }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    refetchInterval: live ? 3000 : 10_000,
  });
  const rows = logs.data?.pages.flatMap((p) => p.logs) ?? [];

  return (
    <div className="card" style={{ padding: 0 }} data-testid="task-logs">
      <div className="section-head" style={{ padding: '16px 20px 0' }}>
        <h2>Task Logs</h2>
        <div className="segmented" role="group" aria-label="Log level">
          {FILTERS.map((f) => (
            <button key={f.id} className={f.id === filter ? 'on' : undefined} aria-pressed={f.id === filter} onClick={() => setFilter(f.id)}>
              {f.label}
            </button>
          ))}
        </div>
      </div>
      {logs.isError ? <div className="alert error" style={{ margin: '0 20px 12px' }}>Could not load logs: {logs.error.message}</div> : null}
      <table className="data">
        <thead>
          <tr>
            <th style={{ width: 170 }}>Time</th>
            <th style={{ width: 80 }}>Level</th>
            <th>Message</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((l) => (
            <tr key={l.id} data-level={l.level}>
              <td className="mono" style={{ fontSize: 12 }}>{formatDateTime(l.time)}</td>
              <td><span className={`badge ${TONE[l.level] ?? ''}`}>{l.level}</span></td>
              <td style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{l.message}</td>
            </tr>
          ))}
          {rows.length === 0 && !logs.isPending ? (
            <tr>
              <td colSpan={3} className="muted" style={{ textAlign: 'center', padding: 24 }}>
                {filter === 'all' ? 'No log entries yet. Prechecks, starts, retries and errors are logged here.' : 'No entries at this level.'}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {logs.hasNextPage ? (
        <div style={{ padding: '10px 20px' }}>
          <button className="btn" disabled={logs.isFetchingNextPage} onClick={() => logs.fetchNextPage()}>
            {logs.isFetchingNextPage ? 'Loading…' : 'Load older entries'}
          </button>
        </div>
      ) : null}
    </div>
  );
}
