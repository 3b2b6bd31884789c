'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import { createUserInputSchema, PASSWORD_MIN, ROLE_LABEL, ROLES, type Role } from '@/server/model/access';

const EMPTY = { username: '', role: 'viewer' as Role, password: '', mustChangePassword: true };

/** Add a user with a role and a temporary password (checked with the API's own schema first). */
export function AddUserForm({ onAdded }: { onAdded(): void }) {
  const trpc = useTRPC();
  const [v, setV] = useState(EMPTY);
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const create = useMutation(
    trpc.user.create.mutationOptions({
      onSuccess: (u) => {
        setAdded(u.username);
        setV(EMPTY);
        onAdded();
      },
    }),
  );
  const error = problem ?? (create.isError ? describeApiError(create.error).message : null);
  return (
    <form
      className="inline-form"
      data-testid="add-user"
      onSubmit={(e) => {
        e.preventDefault();
        setAdded(null);
        const parsed = createUserInputSchema.safeParse(v);
        if (!parsed.success) return setProblem(parsed.error.issues[0]!.message);
        setProblem(null);
        create.mutate(parsed.data);
      }}
    >
      <h3>Add a user</h3>
      {error ? <div className="alert error" role="alert">{error}</div> : null}
      {added ? <div className="alert success" role="status">User {added} was added. Hand over the temporary password another way.</div> : null}
      <div className="toolbar" style={{ flexWrap: 'wrap' }}>
        <input className="input" style={{ width: 180 }} name="newUsername" placeholder="User name" aria-label="User name" value={v.username} onChange={(e) => setV({ ...v, username: e.target.value })} />
        <select className="input" style={{ width: 120 }} name="newRole" aria-label="Role" value={v.role} onChange={(e) => setV({ ...v, role: e.target.value as Role })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>{ROLE_LABEL[r]}</option>
          ))}
        </select>
        <input
          className="input"
          style={{ width: 220 }}
          type="password"
          name="newPassword"
          autoComplete="new-password"
          placeholder={`Temporary password (${PASSWORD_MIN}+ characters)`}
          aria-label="Temporary password"
          value={v.password}
          onChange={(e) => setV({ ...v, password: e.target.value })}
        />
        <label>
          <input type="checkbox" checked={v.mustChangePassword} onChange={(e) => setV({ ...v, mustChangePassword: e.target.checked })} /> Must change it at first sign-in
        </label>
        <button className="btn btn-primary" type="submit" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add user'}
        </button>
      </div>
    </form>
  );
}
