import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { ChangePasswordForm } from '@/components/auth/change-password-form';
import { resolveRequestAuth } from '@/server/auth/principal';

export default async function ChangePasswordPage() {
  const { principal } = await resolveRequestAuth(await headers());
  if (!principal || principal.kind !== 'user') redirect('/sign-in?next=%2Fchange-password');
  return <ChangePasswordForm username={principal.name} required={principal.mustChangePassword} />;
}
