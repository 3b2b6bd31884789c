'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Refusable } from '@/components/auth/access-context';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import type { TaskStatus } from '@/server/model/task-status';
import { ConfirmDialog } from './confirm-dialog';

type Action = 'pause' | 'resume' | 'release';

const TEXT: Record<Action, { button: string; title: string; body: string; danger?: boolean }> = {
  pause: {
    button: 'Pause',
    title: 'Pause the task?',
    body: 'Reading from the source stops after the records in flight are committed to Kafka. Resume continues from the last checkpoint. Incremental migration paused for more than 6 hours may not be resumable if the archived logs it needs are purged meanwhile.',
  },
  resume: { button: 'Resume', title: 'Resume the task?', body: 'The task continues from its last committed checkpoint; nothing is migrated twice.' },
  release: {
    button: 'Release',
    title: 'Release the task?',
    body: 'A released task stops for good and can never write to Kafka again; it cannot be resumed. Data already in Kafka stays. Release a task before you switch your applications to the data in Kafka, so an old task can never overwrite it.',
    danger: true,
  },
};

/**
 * The run controls, each behind a confirmation; errors (e.g. no engine) are shown in the dialog.
 * The dashboard shows them all as buttons; the task list's rows (`only`, `link`) pause and resume.
 */
export function TaskActions({ taskId, status, only, link = false }: { taskId: string; status: TaskStatus; only?: Action[]; link?: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState<Action | null>(null);
  const onSuccess = async () => {
    setOpen(null);
    await Promise.all([
      qc.invalidateQueries({ queryKey: trpc.taskMonitor.listProgress.queryKey() }),
      qc.invalidateQueries({ queryKey: trpc.task.get.queryKey({ id: taskId }) }),
      qc.invalidateQueries({ queryKey: trpc.taskMonitor.progress.queryKey({ id: taskId }) }),
      qc.invalidateQueries({ queryKey: trpc.task.list.queryKey() }),
    ]);
  };
  const mutations = {
    pause: useMutation(trpc.taskMonitor.pause.mutationOptions({ onSuccess })),
    resume: useMutation(trpc.taskMonitor.resume.mutationOptions({ onSuccess })),
    release: useMutation(trpc.taskMonitor.release.mutationOptions({ onSuccess })),
  };
  const byStatus: Action[] =
    status === 'Migrating' || status === 'Retrying' ? ['pause', 'release'] : status === 'Paused' || status === 'Failed' ? ['resume', 'release'] : status === 'Released' ? [] : ['release'];
  const available = only ? byStatus.filter((a) => only.includes(a)) : byStatus;

  const m = open ? mutations[open] : null;
  return (
    <>
      {available.map((a) => (
        <Refusable key={a} path={`taskMonitor.${a}`}>
          {(refused) => (
            <button
              className={`btn ${link ? 'btn-link' : ''} ${TEXT[a].danger ? 'btn-danger' : ''}`}
              data-testid={`task-${a}`}
              disabled={refused}
              onClick={() => {
                mutations[a].reset();
                setOpen(a);
              }}
            >
              {a === 'resume' && status === 'Failed' ? 'Restart' : TEXT[a].button}
            </button>
          )}
        </Refusable>
      ))}
      {open && m ? (
        <ConfirmDialog
          title={TEXT[open].title}
          confirmLabel={TEXT[open].button}
          danger={TEXT[open].danger}
          busy={m.isPending}
          error={m.isError ? describeApiError(m.error) : null}
          onCancel={() => setOpen(null)}
          onConfirm={() => m.mutate({ id: taskId })}
        >
          <p style={{ marginTop: 0 }}>{TEXT[open].body}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
