'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [{ href: '/tasks', label: 'Data Migration' }];

export function SideNav() {
  const path = usePathname();
  return (
    <nav className="sidenav" aria-label="Main navigation">
      <div className="group">Data Transmission</div>
      {LINKS.map((l) => (
        <Link key={l.href} href={l.href} className={path.startsWith(l.href) ? 'active' : undefined}>
          {l.label}
        </Link>
      ))}
      <span className="disabled" title="Not part of this product">Data Synchronization</span>
      <span className="disabled" title="Not part of this product">Change Tracking</span>
    </nav>
  );
}
