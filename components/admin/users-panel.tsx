'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useMe } from '@/components/auth/access-context';
import { ConfirmDialog } from '@/components/tasks/confirm-dialog';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import type { RouterOutputs } from '@/components/trpc/types';
import { formatDateTime } from '@/components/ui/format';
import { ROLE_DESCRIPTION, ROLE_LABEL, ROLES, type Role } from '@/server/model/access';
import { AddUserForm } from './add-user-form';

type User = RouterOutputs['user']['list'][number];

/** Users: list, add, change role, reset password, disable / enable. */
export function UsersPanel() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const me = useMe();
  const users = useQuery(trpc.user.list.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.user.list.queryKey() });
  const [error, setError] = useState<{ message: string; hint?: string | null } | null>(null);
  const onError = (e: unknown) => setError(describeApiError(e));
  const setRole = useMutation(trpc.user.setRole.mutationOptions({ onSuccess: refresh, onError }));
  const setDisabled = useMutation(trpc.user.setDisabled.mutationOptions({ onSuccess: refresh, onError }));
  const [resetting, setResetting] = useState<User | null>(null);

  return (
    <div className="card" data-testid="users-panel">
      <div className="section-head">
        <h2>Users</h2>
      </div>
      <p className="muted" style={{ marginTop: 0 }}>
        {ROLES.map((r) => (
          <span key={r} style={{ display: 'block' }}>
            <b>{ROLE_LABEL[r]}</b>: {ROLE_DESCRIPTION[r]}
          </span>
        ))}
      </p>
      {error ? (
        <div className="alert error" role="alert">
          {error.message}
          {error.hint ? <div className="muted">{error.hint}</div> : null}
        </div>
      ) : null}
      {users.isError ? <div className="alert error">Could not load users: {users.error.message}</div> : null}
      <table className="data" data-testid="users-table">
        <thead>
          <tr>
            <th>User</th>
            <th>Role</th>
            <th>Status</th>
            <th>Last sign-in</th>
            <th>Sessions</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr key={u.id} data-username={u.username}>
              <td>
                {u.username}
                {u.username === me?.name ? <span className="muted"> (you)</span> : null}
              </td>
              <td>
                <select
                  className="input"
                  style={{ width: 120 }}
                  aria-label={`Role of ${u.username}`}
                  value={u.role}
                  disabled={setRole.isPending}
                  onChange={(e) => {
                    setError(null);
                    setRole.mutate({ userId: u.id, role: e.target.value as Role });
                  }}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>{ROLE_LABEL[r]}</option>
                  ))}
                </select>
              </td>
              <td data-col="status">{u.disabled ? 'Disabled' : u.mustChangePassword ? 'Must change password' : 'Active'}</td>
              <td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt) : <span className="muted">never</span>}</td>
              <td>{u.activeSessions}</td>
              <td style={{ whiteSpace: 'nowrap' }}>
                <button className="btn btn-link" onClick={() => setResetting(u)}>Reset password</button>
                <button
                  className="btn btn-link"
                  disabled={setDisabled.isPending}
                  onClick={() => {
                    setError(null);
                    setDisabled.mutate({ userId: u.id, disabled: !u.disabled });
                  }}
                >
                  {u.disabled ? 'Enable' : 'Disable'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddUserForm onAdded={refresh} />
      {resetting ? <ResetPasswordDialog user={resetting} onDone={() => { setResetting(null); void refresh(); }} /> : null}
    </div>
  );
}

function ResetPasswordDialog({ user, onDone }: { user: User; onDone(): void }) {
  const trpc = useTRPC();
  const [password, setPassword] = useState('');
  const [mustChange, setMustChange] = useState(true);
  const reset = useMutation(trpc.user.resetPassword.mutationOptions({ onSuccess: onDone }));
  return (
    <ConfirmDialog
      title={`Reset the password of ${user.username}?`}
      confirmLabel="Reset password"
      busy={reset.isPending}
      error={reset.isError ? describeApiError(reset.error) : null}
      onCancel={onDone}
      onConfirm={() => reset.mutate({ userId: user.id, password, mustChangePassword: mustChange })}
    >
      <p style={{ marginTop: 0 }}>Every session of {user.username} ends. Tell them the new password another way.</p>
      <label className="auth-field">
        <span>New password</span>
        <input className="input" type="password" name="resetPassword" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <label style={{ display: 'block', marginTop: 8 }}>
        <input type="checkbox" checked={mustChange} onChange={(e) => setMustChange(e.target.checked)} /> Must change it at next sign-in
      </label>
    </ConfirmDialog>
  );
}
