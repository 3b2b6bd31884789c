import type { ColumnMeta, ColumnValue } from '../../model/oracle-types';
import { oraError } from '../errors';
import { parseDdl, type AlterAction, type ConstraintDef, type DdlCommand } from './ddl-parser';
import type { SimDatabase } from './sim-database';
import { SimTable } from './sim-table';
import { normalizeValue } from './value-normalize';

/** What a DDL statement was about, for its LogMiner row (SEG_OWNER, TABLE_NAME, INFO). */
export interface DdlResult {
  owner: string;
  name: string;
  objectType: string;
}

let constraintSeq = 10_451;
const sysName = (): string => `SYS_C00${constraintSeq++}`;

export function applyDdl(db: SimDatabase, user: string, sql: string): DdlResult {
  let cmd: DdlCommand;
  try {
    cmd = parseDdl(sql, user);
  } catch (e) {
    throw oraError('ORA-00900', `invalid SQL statement (${(e as Error).message})`, {
      hint: 'The simulator supports CREATE/ALTER/DROP/RENAME/TRUNCATE TABLE and CREATE/DROP VIEW, INDEX, PROCEDURE, FUNCTION, TRIGGER, SEQUENCE.',
    });
  }
  switch (cmd.kind) {
    case 'createTable': {
      const schema = db.schema(cmd.owner);
      if (schema.nameTaken(cmd.name)) throw oraError('ORA-00955', 'name is already used by an existing object');
      const pk = cmd.constraints.find((c) => c.kind === 'PK');
      if (cmd.indexOrganized && !pk) throw oraError('ORA-25175', 'no PRIMARY KEY constraint found', { hint: 'An index-organized table needs a primary key.' });
      const columns = cmd.columns.map((c) => (pk?.columns.includes(c.name) ? { ...c, nullable: false } : c));
      const t = new SimTable(
        {
          owner: cmd.owner,
          name: cmd.name,
          columns,
          primaryKey: pk ? { name: pk.name ?? sysName(), columns: pk.columns } : null,
          uniqueKeys: cmd.constraints.filter((c) => c.kind === 'UK').map((c) => ({ name: c.name ?? sysName(), columns: c.columns })),
          indexOrganized: cmd.indexOrganized,
        },
        db.allocObjectId(),
        db.scn.next(),
      );
      schema.tables.set(cmd.name, t);
      return { owner: cmd.owner, name: cmd.name, objectType: 'TABLE' };
    }
    case 'alterTable': {
      const t = db.table(cmd.owner, cmd.name);
      assertNotLocked(db, t);
      alterTable(db, t, cmd.action);
      return { owner: cmd.owner, name: t.name, objectType: 'TABLE' };
    }
    case 'dropTable': {
      const t = db.table(cmd.owner, cmd.name);
      assertNotLocked(db, t);
      const schema = db.schema(cmd.owner);
      schema.tables.delete(cmd.name);
      for (const [k, o] of schema.objects) if (o.type === 'TRIGGER' && o.baseTable === cmd.name) schema.objects.delete(k);
      return { owner: cmd.owner, name: cmd.name, objectType: 'TABLE' };
    }
    case 'renameTable': {
      const schema = db.schema(cmd.owner);
      const t = schema.table(cmd.from);
      if (schema.nameTaken(cmd.to)) throw oraError('ORA-00955', 'name is already used by an existing object');
      schema.tables.delete(cmd.from);
      t.name = cmd.to;
      schema.tables.set(cmd.to, t);
      return { owner: cmd.owner, name: cmd.from, objectType: 'TABLE' };
    }
    case 'truncateTable': {
      const t = db.table(cmd.owner, cmd.name);
      assertNotLocked(db, t);
      t.store.clear();
      t.definitionScn = db.scn.next();
      return { owner: cmd.owner, name: cmd.name, objectType: 'TABLE' };
    }
    case 'createIndex': {
      const t = db.table(cmd.tableOwner, cmd.table);
      if (t.allIndexes().some((i) => i.name === cmd.name)) throw oraError('ORA-00955', 'name is already used by an existing object');
      for (const c of cmd.columns) if (t.columnIndex(c) < 0) throw oraError('ORA-00904', `"${c}": invalid identifier`);
      t.indexes.push({ name: cmd.name, columns: cmd.columns, unique: cmd.unique });
      return { owner: cmd.owner, name: cmd.name, objectType: 'INDEX' };
    }
    case 'dropIndex': {
      for (const t of db.schema(cmd.owner).tables.values()) {
        const i = t.indexes.findIndex((x) => x.name === cmd.name);
        if (i >= 0) {
          t.indexes.splice(i, 1);
          return { owner: cmd.owner, name: cmd.name, objectType: 'INDEX' };
        }
      }
      throw oraError('ORA-01418', 'specified index does not exist');
    }
    case 'createObject': {
      const schema = db.schema(cmd.owner);
      if (cmd.objectType === 'VIEW' && schema.tables.has(cmd.name)) throw oraError('ORA-00955', 'name is already used by an existing object');
      schema.putObject({ type: cmd.objectType, name: cmd.name, body: cmd.body, status: 'VALID', ...(cmd.baseTable ? { baseTable: cmd.baseTable } : {}) });
      return { owner: cmd.owner, name: cmd.name, objectType: cmd.objectType };
    }
    case 'dropObject':
      db.schema(cmd.owner).dropObject(cmd.objectType, cmd.name);
      return { owner: cmd.owner, name: cmd.name, objectType: cmd.objectType };
  }
}

function assertNotLocked(db: SimDatabase, t: SimTable): void {
  for (const tx of db.openTx.values()) {
    for (const table of tx.touched.values()) {
      if (table === t) throw oraError('ORA-00054', 'resource busy and acquire with NOWAIT specified or timeout expired', { retriable: true, hint: `Transaction ${tx.xid} holds locks on ${t.owner}.${t.name}.` });
    }
  }
}

/** Literal DEFAULT values ('x', 42) fill existing rows; expressions (SYSDATE…) leave them NULL. */
function defaultFill(c: ColumnMeta): ColumnValue {
  const d = c.defaultValue?.trim();
  if (!d) return null;
  if (/^'.*'$/s.test(d)) return normalizeValue(c, d.slice(1, -1).replace(/''/g, "'"));
  if (/^-?\d+(\.\d+)?$/.test(d)) return normalizeValue(c, d);
  return null;
}

function alterTable(db: SimDatabase, t: SimTable, action: AlterAction): void {
  const structural = action.kind !== 'supplemental';
  switch (action.kind) {
    case 'addColumns':
      for (const c of action.columns) {
        if (t.columnIndex(c.name) >= 0) throw oraError('ORA-01430', 'column being added already exists in table');
        const fill = defaultFill(c);
        if (!c.nullable && fill === null && t.store.size > 0) throw oraError('ORA-01758', 'table must be empty to add mandatory (NOT NULL) column');
        t.alterRows([...t.columns, c], (v) => [...v.slice(0, t.columns.length - 1), fill]);
      }
      for (const c of action.constraints) addConstraint(t, c);
      break;
    case 'dropColumns':
      for (const name of action.names) {
        const i = t.columnIndex(name);
        if (i < 0) throw oraError('ORA-00904', `"${name}": invalid identifier`);
        if (t.primaryKey?.columns.includes(name)) t.primaryKey = null;
        t.uniqueKeys = t.uniqueKeys.filter((u) => !u.columns.includes(name));
        t.indexes = t.indexes.filter((x) => !x.columns.includes(name));
        t.alterRows(
          t.columns.filter((_, k) => k !== i),
          (v) => v.filter((_, k) => k !== i),
        );
        t.rebuildIndexes(false);
      }
      break;
    case 'modifyColumns':
      for (const m of action.columns) {
        const i = t.columnIndex(m.name);
        if (i < 0) throw oraError('ORA-00904', `"${m.name}": invalid identifier`);
        const c = t.columns[i]!;
        const next = { ...c, ...(m.type ?? {}), ...(m.nullable !== undefined ? { nullable: m.nullable } : {}), ...(m.defaultValue !== undefined ? { defaultValue: m.defaultValue } : {}) };
        // Re-store the rows so values follow the new type's storage form (e.g. RAW ⇄ VARCHAR2).
        t.alterRows(
          t.columns.map((x, k) => (k === i ? next : x)),
          (v) => v.map((x, k) => (k === i && x !== null ? normalizeValue(next, convertStored(x)) : x)),
        );
      }
      break;
    case 'renameColumn': {
      const i = t.columnIndex(action.from);
      if (i < 0) throw oraError('ORA-00904', `"${action.from}": invalid identifier`);
      const ren = (cols: string[]) => cols.map((c) => (c === action.from ? action.to : c));
      t.columns[i] = { ...t.columns[i]!, name: action.to };
      if (t.primaryKey) t.primaryKey = { ...t.primaryKey, columns: ren(t.primaryKey.columns) };
      t.uniqueKeys = t.uniqueKeys.map((u) => ({ ...u, columns: ren(u.columns) }));
      t.indexes = t.indexes.map((x) => ({ ...x, columns: ren(x.columns) }));
      break;
    }
    case 'renameTo': {
      const schema = db.schema(t.owner);
      if (schema.nameTaken(action.to)) throw oraError('ORA-00955', 'name is already used by an existing object');
      schema.tables.delete(t.name);
      t.name = action.to;
      schema.tables.set(t.name, t);
      break;
    }
    case 'addConstraint':
      addConstraint(t, action.constraint);
      break;
    case 'dropConstraint':
      if (t.primaryKey?.name === action.name) t.primaryKey = null;
      else if (t.uniqueKeys.some((u) => u.name === action.name)) t.uniqueKeys = t.uniqueKeys.filter((u) => u.name !== action.name);
      else throw oraError('ORA-02443', `Cannot drop constraint - nonexistent constraint (${action.name})`);
      break;
    case 'dropPrimaryKey':
      if (!t.primaryKey) throw oraError('ORA-02441', 'Cannot drop nonexistent primary key');
      t.primaryKey = null;
      break;
    case 'supplemental':
      for (const g of action.groups) {
        const key = g === 'ALL' ? 'all' : g === 'PRIMARY KEY' ? 'pk' : 'ui';
        t.supplemental[key] = action.add;
      }
      break;
  }
  if (structural) {
    t.rebuildIndexes(false);
    t.definitionScn = db.scn.next();
    t.objectVersion++;
  }
}

function addConstraint(t: SimTable, c: ConstraintDef): void {
  for (const col of c.columns) if (t.columnIndex(col) < 0) throw oraError('ORA-00904', `"${col}": invalid identifier`);
  const idx = c.columns.map((col) => t.columnIndex(col));
  const seen = new Set<string>();
  for (const e of t.store.entries()) {
    const img = t.latest(e);
    if (!img) continue;
    const vals = idx.map((i) => img[i] ?? null);
    if (vals.every((v) => v === null)) continue;
    const k = JSON.stringify(vals, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
    if (seen.has(k)) throw oraError(c.kind === 'PK' ? 'ORA-02437' : 'ORA-02299', `cannot validate (${t.owner}.${c.name ?? 'constraint'}) - ${c.kind === 'PK' ? 'primary key violated' : 'duplicate keys found'}`);
    seen.add(k);
  }
  const name = c.name ?? sysName();
  if (c.kind === 'PK') {
    if (t.primaryKey) throw oraError('ORA-02260', 'table can have only one primary key');
    t.primaryKey = { name, columns: c.columns };
    t.columns = t.columns.map((col) => (c.columns.includes(col.name) ? { ...col, nullable: false } : col));
  } else t.uniqueKeys.push({ name, columns: c.columns });
}

/** A stored value as loose input for another column type (MODIFY between compatible types). */
function convertStored(v: ColumnValue): string | number | Uint8Array | ColumnValue {
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  return v;
}
