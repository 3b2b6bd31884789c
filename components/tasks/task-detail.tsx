'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/provider';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatDateTime } from '@/components/ui/format';

export function TaskDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const task = useQuery(trpc.task.get.queryOptions({ id }));
  if (task.isPending) return <div className="card muted">Loading task…</div>;
  if (task.isError) {
    return (
      <div className="alert error" role="alert">
        {task.error.message} <Link href="/tasks">Back to tasks</Link>
      </div>
    );
  }
  const t = task.data;
  const src = t.config.source;
  const dst = t.config.destination;
  return (
    <>
      <PageHeader title={t.name} subtitle={<span className="mono">{t.id}</span>} actions={<Link className="btn" href="/tasks">Back to tasks</Link>} />
      <div className="card">
        <h2>Basic Information</h2>
        <table className="data">
          <tbody>
            <tr><th>Status</th><td><StatusBadge status={t.status} /></td></tr>
            <tr><th>Created</th><td>{formatDateTime(t.createdAt)}</td></tr>
            <tr><th>Source</th><td className="mono">Oracle {src.host}:{src.port} ({src.kind === 'sid' ? 'SID' : 'service'} {src.database}) as {src.user} · password {src.password}</td></tr>
            <tr><th>Destination</th><td className="mono">Kafka {dst.brokers.join(',')} · topic {dst.topic}{dst.ddlTopic ? ` · DDL topic ${dst.ddlTopic}` : ''} · {dst.connectionMethod === 'plaintext' ? 'Non-encrypted' : `SCRAM-SHA-256 as ${dst.username}, password ${dst.password}`}</td></tr>
          </tbody>
        </table>
      </div>
    </>
  );
}
