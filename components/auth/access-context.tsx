'use client';

import { createContext, useContext } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';
import type { Role } from '@/server/model/access';
import { refusalReason, type ProcedurePath } from '@/server/auth/procedure-access';

/**
 * Who is signed in, for the browser: the console layout checks the session on the server and hands
 * the result down, so components can disable what the role cannot do and say why. The server
 * enforces the same table (server/auth/procedure-access.ts) on every call regardless.
 */
export interface Me {
  name: string;
  role: Role;
}

const AccessContext = createContext<Me | null>(null);

export function AccessProvider({ me, children }: { me: Me; children: React.ReactNode }) {
  return <AccessContext.Provider value={me}>{children}</AccessContext.Provider>;
}

export function useMe(): Me | null {
  return useContext(AccessContext);
}

/** Why the signed-in user cannot call `path` ("Needs the operator or admin role; …"), or null when they can. */
export function useRefusal(path: ProcedurePath): string | null {
  const me = useMe();
  return refusalReason(me?.role ?? null, path);
}

/**
 * Renders its child enabled, or disabled inside a wrapper whose tooltip says why (a disabled button
 * gets no mouse events in every browser, so the title sits on the wrapper). Until the page is
 * hydrated the child is disabled too: its click would reach no handler yet.
 *
 *   <Refusable path="taskMonitor.pause">{(refused) => <button disabled={refused}>Pause</button>}</Refusable>
 */
export function Refusable({ path, children }: { path: ProcedurePath; children: (refused: boolean) => React.ReactNode }) {
  const reason = useRefusal(path);
  const hydrated = useHydrated();
  if (!reason) return <>{children(!hydrated)}</>;
  return (
    <span className="refused" title={reason} data-refused={path}>
      {children(true)}
    </span>
  );
}

/** A whole page section only the allowed roles see; others get a sentence saying which role it needs. */
export function RequireAccess({ path, what, children }: { path: ProcedurePath; what: string; children: React.ReactNode }) {
  const reason = useRefusal(path);
  if (reason) {
    return (
      <div className="alert warn" role="alert" data-testid="access-refused">
        {what} {reason.charAt(0).toLowerCase()}
        {reason.slice(1)}
      </div>
    );
  }
  return <>{children}</>;
}
