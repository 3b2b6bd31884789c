import { RequireAccess } from '@/components/auth/access-context';
import { InstancesPage } from '@/components/instances/instances-page';
import { PageHeader } from '@/components/ui/page-header';

export const dynamic = 'force-dynamic';

export default function SavedInstancesPage() {
  return (
    <>
      <PageHeader title="Saved Instances" subtitle="Oracle sources and Kafka clusters that the Create Task wizard fills in (Select a DMS database instance). Passwords are stored encrypted and never shown." />
      <RequireAccess path="instance.list" what="Seeing saved instances">
        <InstancesPage />
      </RequireAccess>
    </>
  );
}
