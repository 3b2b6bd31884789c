import { AuditLog } from '@/components/admin/audit-log';
import { RequireAccess } from '@/components/auth/access-context';
import { PageHeader } from '@/components/ui/page-header';

export default function AuditPage() {
  return (
    <>
      <PageHeader title="Audit Log" subtitle="Every change made through the console or its API: who, when, what, on which task, from where, and how it ended." />
      <RequireAccess path="audit.list" what="Reading the audit log">
        <AuditLog />
      </RequireAccess>
    </>
  );
}
