import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { safeNext } from '@/components/auth/safe-next';
import { resolveRequestAuth } from '@/server/auth/principal';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const target = safeNext(typeof next === 'string' ? next : null);
  const { principal } = await resolveRequestAuth(await headers());
  if (principal) redirect(principal.mustChangePassword ? '/change-password' : target);
  return <SignInForm next={target} demo={process.env.ORA2KAFKA_DEMO === '1'} />;
}
