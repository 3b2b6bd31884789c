import type { SchemaObjectType } from '../../model/oracle-types';
import { oraError } from '../errors';
import type { SimTable } from './sim-table';

/** A stored non-table object: its DDL text as written by the user, kept for DBMS_METADATA. */
export interface StoredObject {
  type: Exclude<SchemaObjectType, 'TABLE' | 'INDEX'>;
  name: string;
  /** For TRIGGER: the table it fires on. */
  baseTable?: string;
  /** Source text after the object name, e.g. "AS SELECT …" or "(p IN NUMBER) AS BEGIN … END;". */
  body: string;
  status: 'VALID' | 'INVALID';
}

export class SimSchema {
  readonly tables = new Map<string, SimTable>();
  readonly objects = new Map<string, StoredObject>();

  constructor(readonly name: string) {}

  table(name: string): SimTable {
    const t = this.tables.get(name);
    if (!t) throw noSuchTable(this.name, name);
    return t;
  }

  object(type: StoredObject['type'], name: string): StoredObject | undefined {
    return this.objects.get(`${type}:${name}`);
  }

  putObject(obj: StoredObject): void {
    this.objects.set(`${obj.type}:${obj.name}`, obj);
  }

  dropObject(type: StoredObject['type'], name: string): void {
    if (!this.objects.delete(`${type}:${name}`)) {
      throw oraError('ORA-04043', `object "${this.name}"."${name}" does not exist`, { hint: `No ${type} named ${this.name}.${name}.` });
    }
  }

  /** Name already used by a table, view or other object of the namespace (ORA-00955). */
  nameTaken(name: string): boolean {
    if (this.tables.has(name)) return true;
    for (const o of this.objects.values()) if (o.name === name && o.type !== 'TRIGGER') return true;
    return false;
  }
}

export function noSuchTable(owner: string, name: string): Error {
  return oraError('ORA-00942', `table or view does not exist ("${owner}"."${name}")`, {
    hint: `Check that ${owner}.${name} exists and that the migration account has SELECT on it.`,
  });
}

export interface SimUser {
  name: string;
  password: string;
  /** Oracle-maintained accounts (SYS, SYSTEM…) are not offered as schemas to migrate. */
  oracleMaintained: boolean;
  systemPrivileges: Set<string>;
  roles: Set<string>;
  /** "PRIVILEGE ON OWNER.OBJECT" */
  objectPrivileges: Set<string>;
  locked: boolean;
}

/** Roles that imply system privileges when checking access in the simulator. */
export const ROLE_PRIVILEGES: Record<string, string[]> = {
  DBA: ['SELECT ANY TABLE', 'FLASHBACK ANY TABLE', 'SELECT ANY TRANSACTION', 'SELECT ANY DICTIONARY', 'LOGMINING', 'CREATE SESSION', 'EXECUTE ANY PROCEDURE', 'SET CONTAINER', 'CREATE TABLE'],
  EXECUTE_CATALOG_ROLE: [],
  SELECT_CATALOG_ROLE: ['SELECT ANY DICTIONARY'],
  CONNECT: ['CREATE SESSION'],
  RESOURCE: ['CREATE TABLE', 'CREATE PROCEDURE', 'CREATE TRIGGER', 'CREATE SEQUENCE'],
};

export function hasSystemPrivilege(user: SimUser, priv: string): boolean {
  if (user.systemPrivileges.has(priv)) return true;
  for (const r of user.roles) if (ROLE_PRIVILEGES[r]?.includes(priv)) return true;
  return false;
}

export function canRead(user: SimUser, owner: string, table: string, flashback: boolean): boolean {
  if (user.name === owner || user.roles.has('DBA')) return true;
  const select = hasSystemPrivilege(user, 'SELECT ANY TABLE') || user.objectPrivileges.has(`SELECT ON ${owner}.${table}`);
  if (!flashback) return select;
  return select && (hasSystemPrivilege(user, 'FLASHBACK ANY TABLE') || user.objectPrivileges.has(`FLASHBACK ON ${owner}.${table}`));
}

export function canMine(user: SimUser): boolean {
  if (user.roles.has('DBA')) return true;
  return (
    hasSystemPrivilege(user, 'LOGMINING') &&
    (user.objectPrivileges.has('EXECUTE ON SYS.DBMS_LOGMNR') || user.roles.has('EXECUTE_CATALOG_ROLE')) &&
    (user.objectPrivileges.has('SELECT ON SYS.V_$LOGMNR_CONTENTS') || hasSystemPrivilege(user, 'SELECT ANY DICTIONARY') || user.roles.has('SELECT_CATALOG_ROLE'))
  );
}
