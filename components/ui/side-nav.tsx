'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useMe } from '@/components/auth/access-context';
import { refusalReason, type ProcedurePath } from '@/server/auth/procedure-access';

/** Each link with the procedure its page needs: a role without it sees the link greyed out, with why. */
const LINKS: { href: string; label: string; needs: ProcedurePath; testId: string }[] = [
  { href: '/tasks', label: 'Data Migration', needs: 'task.list', testId: 'nav-tasks' },
  { href: '/instances', label: 'Saved Instances', needs: 'instance.list', testId: 'nav-instances' },
  { href: '/admin/workers', label: 'Workers', needs: 'worker.list', testId: 'nav-workers' },
  { href: '/admin/users', label: 'Users & API Tokens', needs: 'user.list', testId: 'nav-users' },
  { href: '/admin/audit', label: 'Audit Log', needs: 'audit.list', testId: 'nav-audit' },
];

export function SideNav() {
  const path = usePathname();
  const me = useMe();
  return (
    <nav className="sidenav" aria-label="Main navigation">
      <div className="group">Data Transmission</div>
      {LINKS.slice(0, 2).map((l) => (
        <NavLink key={l.href} link={l} active={path.startsWith(l.href)} reason={refusalReason(me?.role ?? null, l.needs)} />
      ))}
      <span className="disabled" title="Not part of this product">Data Synchronization</span>
      <span className="disabled" title="Not part of this product">Change Tracking</span>
      <div className="group">Administration</div>
      {LINKS.slice(2).map((l) => (
        <NavLink key={l.href} link={l} active={path.startsWith(l.href)} reason={refusalReason(me?.role ?? null, l.needs)} />
      ))}
    </nav>
  );
}

function NavLink({ link, active, reason }: { link: (typeof LINKS)[number]; active: boolean; reason: string | null }) {
  if (reason) {
    return (
      <span className="disabled" title={reason} data-testid={link.testId} aria-disabled="true">
        {link.label}
      </span>
    );
  }
  return (
    <Link href={link.href} className={active ? 'active' : undefined} data-testid={link.testId}>
      {link.label}
    </Link>
  );
}
