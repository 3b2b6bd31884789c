'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';

/** The sign-in card. Errors say what to do: wrong password, or how long to wait after too many tries. */
export function SignInForm({ next, demo }: { next: string; demo: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const qc = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      // Nothing cached for a previous user may show; the console's layout reads the new cookie.
      onSuccess: (res) => {
        qc.clear();
        router.replace(res.user.mustChangePassword ? '/change-password' : next);
        router.refresh();
      },
    }),
  );
  const error = signIn.isError ? describeApiError(signIn.error) : null;
  return (
    <form
      className="card auth-card"
      data-testid="sign-in"
      onSubmit={(e) => {
        e.preventDefault();
        signIn.mutate({ username, password });
      }}
    >
      <h1>Sign in to Ora2Kafka</h1>
      <p className="muted">Use the account an admin created for you.</p>
      {demo ? (
        <div className="alert info" data-testid="demo-accounts">
          <strong>Demo mode.</strong> Sign in as <span className="mono">admin</span> with the password shown in the <span className="mono">npm run demo</span> banner (and in the README).
        </div>
      ) : null}
      {error ? (
        <div className="alert error" role="alert" data-testid="sign-in-error">
          {error.message}
          {error.hint ? <div className="muted">{error.hint}</div> : null}
        </div>
      ) : null}
      <label className="auth-field">
        <span>User name</span>
        <input className="input" name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} required />
      </label>
      <label className="auth-field">
        <span>Password</span>
        <input className="input" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      <button className="btn btn-primary auth-submit" type="submit" disabled={signIn.isPending || signIn.isSuccess}>
        {signIn.isPending || signIn.isSuccess ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
