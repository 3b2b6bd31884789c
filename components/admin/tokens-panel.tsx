'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import { formatDateTime } from '@/components/ui/format';
import { createTokenInputSchema, ROLE_LABEL, ROLES, type Role } from '@/server/model/access';

/** API tokens: create (shown once), list with last use, revoke. */
export function TokensPanel() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const tokens = useQuery(trpc.token.list.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.token.list.queryKey() });
  const [form, setForm] = useState({ name: '', role: 'operator' as Role, expiresInDays: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation(trpc.token.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.token.revoke.mutationOptions({ onSuccess: refresh }));
  const error = problem ?? (create.isError ? describeApiError(create.error).message : revoke.isError ? describeApiError(revoke.error).message : null);

  return (
    <div className="card" data-testid="tokens-panel">
      <h2>API tokens</h2>
      <p className="muted" style={{ marginTop: 0 }}>
        Scripts and the CLI send a token as <span className="mono">Authorization: Bearer &lt;token&gt;</span> (the CLI reads it from{' '}
        <span className="mono">ORA2KAFKA_TOKEN</span>). A token acts with its role; it is shown once, when created.
      </p>
      {error ? <div className="alert error" role="alert">{error}</div> : null}
      {create.data ? (
        <div className="token-once" role="status" data-testid="new-token">
          Token <b>{create.data.view.name}</b> — copy it now, it is not shown again:
          <div className="mono" data-testid="new-token-value" style={{ marginTop: 6 }}>{create.data.token}</div>
        </div>
      ) : null}
      <form
        className="toolbar"
        style={{ flexWrap: 'wrap', marginTop: 12 }}
        data-testid="create-token"
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = createTokenInputSchema.safeParse({ name: form.name, role: form.role, expiresInDays: form.expiresInDays ? Number(form.expiresInDays) : undefined });
          if (!parsed.success) return setProblem(parsed.error.issues[0]!.message);
          setProblem(null);
          create.mutate(parsed.data, { onSuccess: () => setForm({ name: '', role: 'operator', expiresInDays: '' }) });
        }}
      >
        <input className="input" style={{ width: 200 }} name="tokenName" placeholder="Name (what uses it)" aria-label="Token name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <select className="input" style={{ width: 120 }} name="tokenRole" aria-label="Token role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>{ROLE_LABEL[r]}</option>
          ))}
        </select>
        <input className="input" style={{ width: 180 }} name="tokenDays" inputMode="numeric" placeholder="Expires in days (optional)" aria-label="Expires in days" value={form.expiresInDays} onChange={(e) => setForm({ ...form, expiresInDays: e.target.value })} />
        <button className="btn btn-primary" type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
      </form>
      <table className="data" data-testid="tokens-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Token</th>
            <th>Role</th>
            <th>Created</th>
            <th>Expires</th>
            <th>Last used</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(tokens.data ?? []).length === 0 ? (
            <tr>
              <td colSpan={8} className="muted">No API tokens yet.</td>
            </tr>
          ) : null}
          {(tokens.data ?? []).map((t) => (
            <tr key={t.id} data-token-name={t.name}>
              <td>{t.name}</td>
              <td className="mono">{t.prefix}…</td>
              <td>{ROLE_LABEL[t.role]}</td>
              <td>
                {formatDateTime(t.createdAt)} <span className="muted">by {t.createdBy}</span>
              </td>
              <td>{t.expiresAt ? formatDateTime(t.expiresAt) : <span className="muted">never</span>}</td>
              <td data-col="last-used">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : <span className="muted">never</span>}</td>
              <td data-col="status">{t.revokedAt ? 'Revoked' : t.expiresAt && new Date(t.expiresAt) <= new Date() ? 'Expired' : 'Active'}</td>
              <td>
                {t.revokedAt ? null : (
                  <button className="btn btn-link" disabled={revoke.isPending} onClick={() => revoke.mutate({ id: t.id })}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
