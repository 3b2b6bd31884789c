import { RequireAccess } from '@/components/auth/access-context';
import { TaskWizard } from '@/components/wizard/task-wizard';
import { PageHeader } from '@/components/ui/page-header';

export default async function NewTaskPage({ searchParams }: { searchParams: Promise<{ edit?: string | string[] }> }) {
  const { edit } = await searchParams;
  const editId = typeof edit === 'string' && edit ? edit : undefined;
  return (
    <>
      <PageHeader
        title={editId ? 'Edit Task' : 'Create Task'}
        subtitle={editId ? <>Change the settings of task <span className="mono">{editId}</span> before it starts.</> : 'Configure a migration from a self-managed Oracle database to Kafka.'}
      />
      <RequireAccess path="task.saveDraft" what={editId ? 'Editing a task' : 'Creating a task'}>
        <TaskWizard editId={editId} />
      </RequireAccess>
    </>
  );
}
