import { describe, expect, it } from 'vitest';
import { environmentTags, filterTasks, NO_TAG, type ListedTask } from './task-filter';

const task = (id: string, name: string, status: ListedTask['status'], environmentTag: string, source = 'db1:1521/ORCL'): ListedTask => ({ id, name, status, environmentTag, source, destination: 'cdc @ k1:9092' });
const tasks = [task('o2k-1', 'hr_to_kafka', 'Migrating', 'production'), task('o2k-2', 'finance nightly', 'NotStarted', 'staging', 'fin-db:1521/FIN'), task('o2k-3', 'HR archive', 'Migrating', '')];
const ids = (f: Parameters<typeof filterTasks>[1]) => filterTasks(tasks, f).map((t) => t.id);

describe('task list filters', () => {
  it('search matches id, name, source and destination, every word, case-insensitively', () => {
    expect(ids({ search: 'hr', status: '', environment: '' })).toEqual(['o2k-1', 'o2k-3']);
    expect(ids({ search: 'FIN-DB', status: '', environment: '' })).toEqual(['o2k-2']);
    expect(ids({ search: 'o2k-3', status: '', environment: '' })).toEqual(['o2k-3']);
    expect(ids({ search: 'hr kafka', status: '', environment: '' })).toEqual(['o2k-1']);
    expect(ids({ search: '  ', status: '', environment: '' })).toEqual(['o2k-1', 'o2k-2', 'o2k-3']);
  });

  it('narrow by status and environment tag, with "no tag" as its own choice', () => {
    expect(ids({ search: '', status: 'Migrating', environment: '' })).toEqual(['o2k-1', 'o2k-3']);
    expect(ids({ search: '', status: 'Migrating', environment: 'production' })).toEqual(['o2k-1']);
    expect(ids({ search: '', status: '', environment: NO_TAG })).toEqual(['o2k-3']);
    expect(ids({ search: 'hr', status: 'NotStarted', environment: '' })).toEqual([]);
    expect(environmentTags(tasks)).toEqual(['production', 'staging']);
  });
});
