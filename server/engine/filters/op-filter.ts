import type { ChangeEvent } from '../../model/change-event';
import type { MigratedOperation } from '../../model/task-objects';

/**
 * Per-object choice of the SQL operations migrated incrementally (right-click → operations in
 * the DTS object tree). Decided on the source operation, before the row filter may turn an UPDATE
 * into an INSERT or DELETE: un-ticking UPDATE drops every UPDATE of the table. Full-load rows
 * (INIT) are never subject to it.
 *
 *   operations ['INSERT','DELETE'] on HR.EMP:  UPDATE of HR.EMP → dropped;  INSERT → kept
 */
export function operationAllowed(e: ChangeEvent, allowed: readonly MigratedOperation[]): boolean {
  if (e.op === 'INIT') return true;
  return allowed.includes(e.op);
}
