'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Refusable } from '@/components/auth/access-context';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import type { RouterOutputs } from '@/components/trpc/types';
import { objectSelectionSchema, type ObjectSelection } from '@/server/model/task-objects';
import type { TaskStatus } from '@/server/model/task-status';
import { ConfirmDialog } from './confirm-dialog';
import { newTable } from '@/components/wizard/objects/selection';

type Task = RouterOutputs['task']['get'];

const CHANGEABLE: TaskStatus[] = ['Migrating', 'Retrying', 'Paused'];

/**
 * Modify Objects and Re-read Tables on a migrating (or paused) task. Modify Objects: tick tables to
 * add, untick to remove; added ones are prechecked and read while the stream runs. Re-read: the
 * chosen tables' rows are written again as INIT records while their changes go on. Per-table
 * progress of both shows in the Tables section ("Read while migrating").
 */
export function ModifyObjects({ task }: { task: Task }) {
  const [open, setOpen] = useState<'modify' | 'reread' | null>(null);
  if (!CHANGEABLE.includes(task.status)) return null;
  const parsed = objectSelectionSchema.safeParse((task.config as Record<string, unknown>).objects);
  if (!parsed.success) return null;
  return (
    <>
      <Refusable path="taskMonitor.modifyObjects">
        {(refused) => (
          <button className="btn" data-testid="modify-objects" disabled={refused} title="A running task changes only its objects; other settings are edited before a task starts, as in DTS." onClick={() => setOpen('modify')}>
            Modify Objects
          </button>
        )}
      </Refusable>
      <Refusable path="taskMonitor.resnapshot">
        {(refused) => (
          <button className="btn" data-testid="reread-tables" disabled={refused} onClick={() => setOpen('reread')}>
            Re-read Tables
          </button>
        )}
      </Refusable>
      {open === 'modify' ? <ModifyDialog taskId={task.id} current={parsed.data} onClose={() => setOpen(null)} /> : null}
      {open === 'reread' ? <RereadDialog taskId={task.id} current={parsed.data} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

function useRefresh(taskId: string) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: trpc.task.get.queryKey({ id: taskId }) }),
      qc.invalidateQueries({ queryKey: trpc.taskMonitor.progress.queryKey({ id: taskId }) }),
    ]);
}

function ModifyDialog({ taskId, current, onClose }: { taskId: string; current: ObjectSelection; onClose(): void }) {
  const trpc = useTRPC();
  const refresh = useRefresh(taskId);
  const schemas = useQuery(trpc.catalog.schemas.queryOptions({ taskId }));
  const [schema, setSchema] = useState(current.schemas[0]?.name ?? '');
  const tables = useQuery({ ...trpc.catalog.tables.queryOptions({ taskId, owner: schema }), enabled: schema !== '' });
  // Ticked tables per schema, starting from the task's explicit selection.
  const [ticked, setTicked] = useState<Record<string, string[]>>(() => Object.fromEntries(current.schemas.map((s) => [s.name, s.tables.map((t) => t.name)])));
  const [result, setResult] = useState<RouterOutputs['taskMonitor']['modifyObjects'] | null>(null);
  const modify = useMutation(
    trpc.taskMonitor.modifyObjects.mutationOptions({
      onSuccess: async (r) => {
        setResult(r);
        await refresh();
      },
    }),
  );
  const whole = (name: string) => current.schemas.find((s) => s.name === name)?.all === true;
  const toggle = (table: string) =>
    setTicked((t) => {
      const now = new Set(t[schema] ?? []);
      if (now.has(table)) now.delete(table);
      else now.add(table);
      return { ...t, [schema]: [...now] };
    });
  const objects = (): ObjectSelection => ({
    ...current,
    schemas: Object.entries(ticked)
      .filter(([name, names]) => names.length > 0 || whole(name))
      .map(([name, names]) => {
        const before = current.schemas.find((s) => s.name === name);
        return {
          ...(before ?? { name, mappedName: '', all: false, operations: ['INSERT', 'UPDATE', 'DELETE', 'DDL'] }),
          tables: names.map((n) => before?.tables.find((t) => t.name === n) ?? newTable(n)),
        };
      }),
  });
  if (result) {
    return (
      <ConfirmDialog title="Objects modified" confirmLabel="Close" onConfirm={onClose} onCancel={onClose}>
        <div data-testid="modify-result">
          <p style={{ marginTop: 0 }}>
            {result.added.length ? `Added ${result.added.join(', ')}: its rows are read while migration goes on (see Tables).` : 'Nothing added.'}{' '}
            {result.removed.length ? `Removed ${result.removed.join(', ')}: nothing of it is written from now on.` : 'Nothing removed.'}
          </p>
          {result.warnings.map((w) => (
            <div key={w} className="alert warn">
              {w}
            </div>
          ))}
        </div>
      </ConfirmDialog>
    );
  }
  return (
    <ConfirmDialog
      title="Modify Objects"
      confirmLabel="Precheck and Apply"
      busy={modify.isPending}
      error={modify.isError ? describeApiError(modify.error) : null}
      onCancel={onClose}
      onConfirm={() => modify.mutate({ id: taskId, objects: objects() })}
    >
      <p style={{ marginTop: 0 }}>
        Tick tables to add, untick tables to remove. Added tables are prechecked (keys, supplemental logging, privileges, names, types) and read while incremental migration goes on; a kept table&apos;s names and filter cannot change here.
      </p>
      <label className="lbl" htmlFor="modify-schema">
        Schema
      </label>
      <select id="modify-schema" className="input" value={schema} onChange={(e) => setSchema(e.target.value)}>
        {(schemas.data ?? current.schemas.map((s) => s.name)).map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <div className="modify-table-list" data-testid="modify-tables">
        {tables.isPending ? <div className="muted">Loading tables…</div> : null}
        {whole(schema) ? <div className="muted">The whole schema is migrated (tables created later too).</div> : null}
        {(tables.data ?? []).map((t) => (
          <label key={t.name} className="check">
            <input type="checkbox" name={`${schema}.${t.name}`} checked={(ticked[schema] ?? []).includes(t.name)} disabled={whole(schema)} onChange={() => toggle(t.name)} /> {t.name}
            {t.keyless ? <span className="muted"> (no key: cannot be added while migrating)</span> : null}
          </label>
        ))}
      </div>
    </ConfirmDialog>
  );
}

function RereadDialog({ taskId, current, onClose }: { taskId: string; current: ObjectSelection; onClose(): void }) {
  const trpc = useTRPC();
  const refresh = useRefresh(taskId);
  const names = current.schemas.flatMap((s) => s.tables.map((t) => `${s.name}.${t.name}`));
  const [chosen, setChosen] = useState<string[]>([]);
  const reread = useMutation(
    trpc.taskMonitor.resnapshot.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onClose();
      },
    }),
  );
  return (
    <ConfirmDialog
      title="Re-read Tables"
      confirmLabel="Re-read"
      busy={reread.isPending}
      error={reread.isError ? describeApiError(reread.error) : null}
      onCancel={onClose}
      onConfirm={() => reread.mutate({ id: taskId, tables: chosen })}
    >
      <p style={{ marginTop: 0 }}>The chosen tables&apos; rows are written again as INIT records, in chunks, while their changes keep streaming; consumers end with exactly the source&apos;s rows.</p>
      <div className="modify-table-list" data-testid="reread-tables-list">
        {names.map((n) => (
          <label key={n} className="check">
            <input type="checkbox" name={n} checked={chosen.includes(n)} onChange={() => setChosen((c) => (c.includes(n) ? c.filter((x) => x !== n) : [...c, n]))} /> {n}
          </label>
        ))}
      </div>
    </ConfirmDialog>
  );
}
