'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC } from '@/components/trpc/provider';
import { isEditable, TASK_STATUS_LABEL } from '@/server/model/task-status';
import { valuesFromTask } from './model';
import { useWizardStore } from './wizard-store';

/**
 * Opens a saved task in the wizard (/tasks/new?edit=<id>) once: its settings replace the draft in
 * the browser, unless that draft already is this task (a reload keeps the edits made since).
 */
export function useEditDraft(editId: string | undefined, hydrated: boolean): { state: 'idle' | 'loading' | 'error'; message?: string } {
  const trpc = useTRPC();
  const draftId = useWizardStore((s) => s.draftId);
  const load = useWizardStore((s) => s.load);
  const wanted = Boolean(editId) && hydrated && draftId !== editId;
  const task = useQuery({ ...trpc.task.get.queryOptions({ id: editId ?? '' }), enabled: wanted, staleTime: 0 });
  const editable = task.data ? isEditable(task.data.status) : false;

  useEffect(() => {
    if (wanted && task.data && editable) load(task.data.id, valuesFromTask(task.data));
  }, [wanted, task.data, editable, load]);

  if (!wanted) return { state: 'idle' };
  if (task.isError) return { state: 'error', message: task.error.message };
  if (task.data && !editable) {
    return { state: 'error', message: `Task "${task.data.name}" is ${TASK_STATUS_LABEL[task.data.status]}; only tasks that have not started can be edited.` };
  }
  return { state: 'loading' };
}
