import { TaskWizard } from '@/components/wizard/task-wizard';
import { PageHeader } from '@/components/ui/page-header';

export default function NewTaskPage() {
  return (
    <>
      <PageHeader title="Create Task" subtitle="Configure a migration from a self-managed Oracle database to Kafka." />
      <TaskWizard />
    </>
  );
}
