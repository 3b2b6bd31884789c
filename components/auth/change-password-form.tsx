'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import { changePasswordInputSchema, PASSWORD_MIN } from '@/server/model/access';

/** Change one's own password; `required` after a one-time password. Every other session ends. */
export function ChangePasswordForm({ username, required }: { username: string; required: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const change = useMutation(trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        router.replace('/tasks');
        router.refresh();
      },
    }));
  const error = change.isError ? describeApiError(change.error) : null;
  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [k]: e.target.value }));
  return (
    <form
      className="card auth-card"
      data-testid="change-password"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = changePasswordInputSchema.safeParse(values);
        if (!parsed.success) return setProblem(parsed.error.issues[0]!.message);
        if (values.newPassword !== values.confirm) return setProblem('The two new passwords differ: type the same one twice.');
        setProblem(null);
        change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      }}
    >
      <h1>Change password</h1>
      {required ? (
        <div className="alert warn" role="status">
          You signed in as <b>{username}</b> with a one-time password. Choose your own password to continue.
        </div>
      ) : (
        <p className="muted">Signed in as {username}. Changing the password signs you out everywhere else.</p>
      )}
      {problem || error ? (
        <div className="alert error" role="alert">
          {problem ?? error!.message}
          {!problem && error?.hint ? <div className="muted">{error.hint}</div> : null}
        </div>
      ) : null}
      <label className="auth-field">
        <span>Current password</span>
        <input className="input" name="currentPassword" type="password" autoComplete="current-password" value={values.currentPassword} onChange={set('currentPassword')} required />
      </label>
      <label className="auth-field">
        <span>New password</span>
        <input className="input" name="newPassword" type="password" autoComplete="new-password" value={values.newPassword} onChange={set('newPassword')} required />
        <span className="field-help">At least {PASSWORD_MIN} characters.</span>
      </label>
      <label className="auth-field">
        <span>New password again</span>
        <input className="input" name="confirm" type="password" autoComplete="new-password" value={values.confirm} onChange={set('confirm')} required />
      </label>
      <div className="toolbar" style={{ justifyContent: 'space-between', margin: 0 }}>
        {required ? <span /> : <Link href="/tasks">Back to the console</Link>}
        <button className="btn btn-primary" type="submit" disabled={change.isPending || change.isSuccess}>
          {change.isPending ? 'Saving…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
