'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/components/trpc/provider';
import { formatDateTime } from '@/components/ui/format';

/**
 * The Workers page: one card per cluster, one row per worker (live ones first) with its host,
 * version, the tasks it runs now and its last heartbeat, and the tasks of the cluster no worker has
 * picked up yet. Refreshes every 3 s. In the single-process default there are no workers: the
 * console runs every task itself, and the page says so.
 */
export function WorkersPanel() {
  const trpc = useTRPC();
  const clusters = useQuery({ ...trpc.worker.list.queryOptions(), refetchInterval: 3000 });
  if (clusters.isError) return <div className="alert error" role="alert">{clusters.error.message}</div>;
  if (!clusters.data) return <div className="card muted">Loading workers…</div>;
  if (clusters.data.length === 0) {
    return (
      <div className="card muted" data-testid="workers-none">
        No workers have joined a cluster. The console runs every task itself (one process, the default). For a cluster, share a PostgreSQL metadata database
        (DATABASE_URL=postgresql://…) and a Kafka cluster (ORA2KAFKA_GROUP_BROKERS) between the console and <span className="mono">ora2kafka worker --cluster NAME</span> processes.
      </div>
    );
  }
  return (
    <>
      {clusters.data.map((c) => (
        <div className="card" key={c.cluster} data-testid="worker-cluster" data-cluster={c.cluster}>
          <h3>
            Cluster <span className="mono">{c.cluster}</span>{' '}
            <span className="muted" style={{ fontWeight: 'normal', fontSize: 13 }}>
              · {c.workers.filter((w) => w.alive).length} live worker(s)
            </span>
          </h3>
          <table className="data" data-testid="workers-table">
            <thead>
              <tr>
                <th>Worker</th>
                <th>Host</th>
                <th>Version</th>
                <th>State</th>
                <th>Tasks</th>
                <th>Last heartbeat</th>
              </tr>
            </thead>
            <tbody>
              {c.workers.map((w) => (
                <tr key={w.id} data-worker={w.id} data-alive={w.alive ? 'yes' : 'no'}>
                  <td className="mono" style={{ fontSize: 12 }}>
                    {w.id}
                    {w.leader ? <span className="badge" style={{ marginLeft: 6 }} title="Assigns the cluster's tasks in this group generation">leader</span> : null}
                  </td>
                  <td>
                    {w.host} <span className="muted">(pid {w.pid})</span>
                  </td>
                  <td className="mono">{w.version}</td>
                  <td>
                    {w.stoppedAt ? (
                      <span className="status warn">stopped {formatDateTime(w.stoppedAt)}</span>
                    ) : w.alive ? (
                      <span className="status ok">running · generation {w.generation}</span>
                    ) : (
                      <span className="status err" title="No heartbeat within its session timeout: the group gave its tasks to the others">silent</span>
                    )}
                  </td>
                  <td>
                    {w.tasks.length === 0 ? <span className="muted">none</span> : null}
                    {w.tasks.map((t) => (
                      <div key={t.id}>
                        <Link href={`/tasks/${t.id}`}>{t.name}</Link> <span className="muted">{t.status}</span>
                      </div>
                    ))}
                  </td>
                  <td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(w.heartbeatAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {c.waiting.length > 0 ? (
            <div className="muted" style={{ marginTop: 8 }} data-testid="workers-waiting">
              Waiting for a worker of this cluster: {c.waiting.map((id) => <Link key={id} href={`/tasks/${id}`} className="mono" style={{ marginRight: 8 }}>{id}</Link>)}
            </div>
          ) : null}
        </div>
      ))}
    </>
  );
}
