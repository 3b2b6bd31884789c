import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { AccessProvider } from '@/components/auth/access-context';
import { UserMenu } from '@/components/auth/user-menu';
import { AlertBell } from '@/components/ui/alert-bell';
import { SideNav } from '@/components/ui/side-nav';
import { TopBar } from '@/components/ui/top-bar';
import { resolveRequestAuth } from '@/server/auth/principal';

export const dynamic = 'force-dynamic';

/**
 * Every console page: signed in or sent to the sign-in page (expired, revoked or unknown sessions
 * included), and a one-time password changed first.
 */
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const h = await headers();
  const { principal } = await resolveRequestAuth(h);
  if (!principal) {
    const path = h.get('x-ora2kafka-path');
    redirect(path && path !== '/' ? `/sign-in?next=${encodeURIComponent(path)}` : '/sign-in');
  }
  if (principal.mustChangePassword) redirect('/change-password');
  const me = { name: principal.name, role: principal.role };
  return (
    <AccessProvider me={me}>
      <TopBar>
        <AlertBell />
        <UserMenu />
      </TopBar>
      <div className="shell">
        <SideNav />
        <main className="content">{children}</main>
      </div>
    </AccessProvider>
  );
}
