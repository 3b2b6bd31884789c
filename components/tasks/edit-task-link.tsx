'use client';

import Link from 'next/link';
import { Refusable } from '@/components/auth/access-context';

/** Edit Task: a saved draft or a task whose precheck failed (or passed) reopens in the wizard. */
export function EditTaskLink({ id, testId, className = 'btn' }: { id: string; testId?: string; className?: string }) {
  return (
    <Refusable path="task.saveDraft">
      {(refused) =>
        refused ? (
          <button className={className} data-testid={testId} disabled>
            Edit
          </button>
        ) : (
          <Link className={className} href={`/tasks/new?edit=${encodeURIComponent(id)}`} data-testid={testId}>
            Edit
          </Link>
        )
      }
    </Refusable>
  );
}
