import type { TaskStatus } from '@/server/model/task-status';

/**
 * The task list's search and filters, as pure functions: a search matches the task's id, name,
 * source or destination (case-insensitive); status and environment tag narrow further. Tasks
 * without an environment tag are found with NO_TAG.
 *
 *   filterTasks(tasks, { search: 'hr', status: 'Migrating', environment: 'production' })
 */
export interface ListedTask {
  id: string;
  name: string;
  status: TaskStatus;
  source: string;
  destination: string;
  environmentTag: string;
}

export const NO_TAG = '\u0000none';

export interface TaskFilter {
  search: string;
  /** '' = every status. */
  status: TaskStatus | '';
  /** '' = every environment, NO_TAG = tasks without one. */
  environment: string;
}

export function filterTasks<T extends ListedTask>(tasks: readonly T[], f: TaskFilter): T[] {
  const words = f.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return tasks.filter((t) => {
    if (f.status && t.status !== f.status) return false;
    if (f.environment === NO_TAG ? t.environmentTag !== '' : f.environment && t.environmentTag !== f.environment) return false;
    const text = `${t.id} ${t.name} ${t.source} ${t.destination}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** The environment tags in use, sorted, for the filter's options. */
export function environmentTags(tasks: readonly ListedTask[]): string[] {
  return [...new Set(tasks.map((t) => t.environmentTag).filter(Boolean))].sort();
}
