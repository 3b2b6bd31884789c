'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/provider';
import { ROLE_LABEL } from '@/server/model/access';
import { useMe } from './access-context';

/** The top bar's "alice · Operator", Change password, and Sign out. */
export function UserMenu() {
  const trpc = useTRPC();
  const router = useRouter();
  const qc = useQueryClient();
  const me = useMe();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSettled: () => {
        qc.clear();
        router.replace('/sign-in');
        router.refresh();
      },
    }),
  );
  if (!me) return null;
  return (
    <span className="user-menu" data-testid="user-menu" data-role={me.role}>
      <span className="who">
        {me.name} <span className="role-badge">{ROLE_LABEL[me.role]}</span>
      </span>
      <Link href="/change-password">Change password</Link>
      <button className="btn-link-light" data-testid="sign-out" disabled={signOut.isPending} onClick={() => signOut.mutate()}>
        Sign out
      </button>
    </span>
  );
}
