import { TopBar } from '@/components/ui/top-bar';

export const dynamic = 'force-dynamic';

/** Sign-in and password change: the top bar and one centred card, no navigation. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <TopBar />
      <main className="auth-page">{children}</main>
    </>
  );
}
