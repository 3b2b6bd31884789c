'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Refusable } from '@/components/auth/access-context';
import type { SavedInstance } from '@/components/connections/instance-picker';
import { ConfirmDialog } from '@/components/tasks/confirm-dialog';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import { formatDateTime } from '@/components/ui/format';
import { INSTANCE_KIND_LABEL, type InstanceKind } from '@/server/model/saved-instance';
import { InstanceForm } from './instance-form';

/**
 * Saved instances: the Oracle sources and Kafka clusters the wizard's first step can fill in.
 * Everyone sees the list (never a password, only whether one is saved); operators add, edit and
 * delete them.
 */
export function InstancesPage() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.instance.list.queryOptions({}));
  const [form, setForm] = useState<{ kind: InstanceKind; editing: SavedInstance | null } | null>(null);
  const [deleting, setDeleting] = useState<SavedInstance | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.instance.list.pathKey() });
  const remove = useMutation(trpc.instance.delete.mutationOptions({ onSuccess: async () => { setDeleting(null); await refresh(); } }));

  return (
    <>
      <div className="toolbar">
        {(['oracle', 'kafka'] as const).map((kind) => (
          <Refusable key={kind} path="instance.save">
            {(refused) => (
              <button className="btn btn-primary" data-testid={`add-${kind}-instance`} disabled={refused} onClick={() => setForm({ kind, editing: null })}>
                Add {INSTANCE_KIND_LABEL[kind]} Instance
              </button>
            )}
          </Refusable>
        ))}
      </div>
      {form ? (
        <InstanceForm
          key={`${form.kind}:${form.editing?.id ?? 'new'}`}
          kind={form.kind}
          editing={form.editing}
          onCancel={() => setForm(null)}
          onDone={async () => {
            setForm(null);
            await refresh();
          }}
        />
      ) : null}
      <div className="card" style={{ padding: 0, overflowX: 'auto' }}>
        <table className="data" data-testid="instances-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Type</th>
              <th>Connection</th>
              <th>Password</th>
              <th>Created by</th>
              <th>Updated</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.isPending ? (
              <tr><td colSpan={7} className="muted">Loading saved instances…</td></tr>
            ) : list.isError ? (
              <tr><td colSpan={7} className="alert error">{describeApiError(list.error).message}</td></tr>
            ) : list.data.length === 0 ? (
              <tr><td colSpan={7} className="muted" data-testid="instances-empty">No saved instances yet. Add an Oracle source or a Kafka cluster to pick it in the Create Task wizard.</td></tr>
            ) : (
              list.data.map((i) => (
                <tr key={i.id} data-instance={i.name}>
                  <td>{i.name}</td>
                  <td>{INSTANCE_KIND_LABEL[i.kind]}</td>
                  <td className="mono" style={{ fontSize: 12 }}>{i.summary}</td>
                  <td data-col="password">{i.settings.password === 'set' ? 'saved (encrypted)' : 'none'}</td>
                  <td>{i.createdBy}</td>
                  <td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(i.updatedAt)}</td>
                  <td style={{ whiteSpace: 'nowrap' }}>
                    <Refusable path="instance.save">
                      {(refused) => <button className="btn btn-link" disabled={refused} onClick={() => setForm({ kind: i.kind, editing: i })}>Edit</button>}
                    </Refusable>
                    <Refusable path="instance.delete">
                      {(refused) => <button className="btn btn-link btn-danger" disabled={refused} onClick={() => { remove.reset(); setDeleting(i); }}>Delete</button>}
                    </Refusable>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {deleting ? (
        <ConfirmDialog
          title="Delete the saved instance?"
          confirmLabel="Delete"
          danger
          busy={remove.isPending}
          error={remove.isError ? describeApiError(remove.error) : null}
          onCancel={() => setDeleting(null)}
          onConfirm={() => remove.mutate({ id: deleting.id })}
        >
          <p style={{ margin: 0 }}>
            <b>{deleting.name}</b> ({deleting.summary}) and its saved password are removed. Tasks created from it keep their own copy of the settings.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
