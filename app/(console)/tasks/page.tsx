import { CreateTaskLink, TaskList } from '@/components/tasks/task-list';
import { PageHeader } from '@/components/ui/page-header';

export const dynamic = 'force-dynamic';

export default function TasksPage() {
  return (
    <>
      <PageHeader
        title="Data Migration Tasks"
        subtitle="Oracle → Apache Kafka: schema migration, full data migration and incremental migration."
        actions={<CreateTaskLink testId="create-task" />}
      />
      <TaskList />
    </>
  );
}
