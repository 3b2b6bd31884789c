import { WorkersPanel } from '@/components/admin/workers-panel';
import { RequireAccess } from '@/components/auth/access-context';
import { PageHeader } from '@/components/ui/page-header';

export default function WorkersPage() {
  return (
    <>
      <PageHeader title="Workers" subtitle="The processes that run tasks, by cluster: host, version, the tasks each runs now, and its last heartbeat to the cluster's Kafka group." />
      <RequireAccess path="worker.list" what="Seeing the workers">
        <WorkersPanel />
      </RequireAccess>
    </>
  );
}
