'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Field } from '@/components/ui/field';
import { useTRPC } from '@/components/trpc/provider';
import { filterIssues } from '@/server/model/task-filter-check';
import { OPERATIONS, schemaSelectionSchema, tableSelectionSchema, type ColumnSelection, type MigratedOperation, type ObjectSelection } from '@/server/model/task-objects';
import { issueMap } from '../issue-map';
import { useWizardStore } from '../wizard-store';
import { Modal } from '@/components/ui/modal';
import { effectiveOperations, tableOperations, updateSchema, updateTable, type SelectedRow } from './selection';

interface Props {
  taskId: string;
  row: SelectedRow;
  /** The step's errors; those under this object are shown beside its fields. */
  errors: Record<string, string>;
  onClose(): void;
  onSave(apply: (o: ObjectSelection) => ObjectSelection): void;
}

/** Errors under `prefix.` with the prefix cut off ("objects.schemas.0.tables.1.filter" → "filter"). */
function relative(errors: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith(`${prefix}.`)).map(([k, m]) => [k.slice(prefix.length + 1), m]));
}

/**
 * DTS's right-click menu on a selected object, as a dialog: the name it gets in Kafka, and for a
 * table the WHERE filter (checked against the table's catalog columns on save, the same check the
 * API repeats) and column names; the incremental operations to migrate; with the policy Hash of
 * primary key, the table's partition key columns.
 */
export function EditObjectDialog({ taskId, row, errors, onClose, onSave }: Props) {
  const trpc = useTRPC();
  const incremental = useWizardStore((s) => s.values.migrationTypes.incremental);
  const hashPk = useWizardStore((s) => s.values.partitionPolicy === 'hash-pk');
  const table = row.kind === 'table' ? row.table : null;
  const label = table ? `${row.ref.owner}.${table.name}` : row.ref.owner;
  const [mappedName, setMappedName] = useState(table ? table.mappedName : row.schema.mappedName);
  const [filter, setFilter] = useState(table?.filter ?? '');
  const [ops, setOps] = useState<MigratedOperation[]>(effectiveOperations(row.schema, table ?? undefined));
  const [colNames, setColNames] = useState<Record<string, string>>(Object.fromEntries((table?.columns ?? []).map((c) => [c.name, c.mappedName])));
  const [partitionKey, setPartitionKey] = useState<string[]>(table?.partitionKey ?? []);
  const [local, setLocal] = useState<Record<string, string>>(() => relative(errors, row.path));
  const [verified, setVerified] = useState<string | null>(null);
  const describe = useQuery({ ...trpc.catalog.describe.queryOptions({ taskId, tables: [{ owner: row.ref.owner, name: table?.name ?? '' }] }), enabled: table !== null });
  const catalogColumns = describe.data?.[0]?.columns;

  function columns(): ColumnSelection[] {
    if (!table) return [];
    const base = catalogColumns ?? table.columns;
    return base.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable, mappedName: (colNames[c.name] ?? '').trim() }));
  }

  /** The edited object checked with the task schema's own rules; null when it has problems (shown). */
  function check(): { apply(o: ObjectSelection): ObjectSelection } | null {
    setVerified(null);
    const refuse = (errors: Record<string, string>) => {
      setLocal(errors);
      return null;
    };
    if (!table) {
      const parsed = schemaSelectionSchema.safeParse({ ...row.schema, mappedName, operations: ops });
      if (!parsed.success) return refuse(issueMap(parsed.error));
      setLocal({});
      return { apply: (o) => updateSchema(o, row.ref.owner, { mappedName: parsed.data.mappedName, operations: parsed.data.operations }) };
    }
    const operations = tableOperations(row.schema, ops);
    const parsed = tableSelectionSchema.safeParse({ ...table, mappedName, filter, columns: columns(), operations, partitionKey });
    if (!parsed.success) return refuse(issueMap(parsed.error));
    // The same filter check as the task schema: with the catalog's typed columns, names and types too.
    const issue = filterIssues({ schemas: [{ ...row.schema, tables: [parsed.data] }], batchRules: [] })[0];
    if (issue) return refuse({ filter: issue.message });
    setLocal({});
    const t = parsed.data;
    return { apply: (o) => updateTable(o, row.ref.owner, table.name, { mappedName: t.mappedName, filter: t.filter, columns: t.columns, operations: t.operations, partitionKey: t.partitionKey }) };
  }

  const loadingColumns = table !== null && describe.isPending;
  return (
    <Modal
      title={`Edit ${table ? 'Table' : 'Schema'}: ${label}`}
      testId="edit-object-dialog"
      onClose={onClose}
      footer={
        <>
          <button className="btn" onClick={onClose}>Cancel</button>
          <button
            className="btn btn-primary"
            data-testid="edit-save"
            disabled={loadingColumns}
            onClick={() => {
              const ok = check();
              if (ok) onSave(ok.apply);
            }}
          >
            OK
          </button>
        </>
      }
    >
      <div className="form-grid narrow">
        <Field label={table ? 'Table Name in Kafka' : 'Schema Name in Kafka'} error={local.mappedName} help="Leave blank to keep the source name.">
          {(id) => <input id={id} name="mappedName" className={`input${local.mappedName ? ' invalid' : ''}`} value={mappedName} placeholder={table?.name ?? row.ref.owner} onChange={(e) => setMappedName(e.target.value)} autoFocus />}
        </Field>
        {table ? (
          <Field
            label="Filter Conditions"
            error={local.filter}
            help={verified ?? <>A WHERE condition without the WHERE keyword, e.g. <span className="mono">DEPARTMENT_ID IN (10, 20) AND SALARY &gt; 5000</span>. Blank migrates every row.</>}
          >
            {(id) => (
              <>
                <textarea id={id} name="filter" rows={3} className={`input${local.filter ? ' invalid' : ''}`} value={filter} onChange={(e) => setFilter(e.target.value)} spellCheck={false} />
                <div className="toolbar" style={{ margin: '6px 0 0' }}>
                  <button className="btn btn-sm" data-testid="verify-filter" disabled={loadingColumns} onClick={() => check() && setVerified(filter.trim() ? 'The filter is valid for this table.' : 'No filter: every row migrates.')}>
                    Verify
                  </button>
                  {describe.isError ? <span className="field-help">Columns could not be read ({describe.error.message}); only the syntax is checked here, the columns when you click Next.</span> : null}
                </div>
              </>
            )}
          </Field>
        ) : null}
        <Field label="Incremental Operations" error={local.operations} help={incremental ? (table ? 'Operations migrated for this table during incremental migration.' : 'Operations migrated for every table of this schema, unless a table sets its own.') : 'Applies only when Incremental Data Migration is selected.'}>
          {() => (
            <div className="check-group" role="group" aria-label="Incremental operations to migrate">
              {OPERATIONS.map((o) => (
                <label key={o}>
                  <input type="checkbox" name={`op.${o}`} checked={ops.includes(o)} onChange={(e) => setOps(e.target.checked ? [...ops, o] : ops.filter((x) => x !== o))} />
                  {o}
                </label>
              ))}
            </div>
          )}
        </Field>
      </div>
      {table && hashPk ? (
        <p className="field-help" data-testid="partition-key-summary">
          Partition Key: {partitionKey.length ? <span className="mono">{partitionKey.join(', ')}</span> : 'the primary key, else the first unique key'}. With the policy Hash of primary key, tick columns below to choose the partition by their values instead (for example for a table without a key).
          {local.partitionKey ? <span className="field-error"> {local.partitionKey}</span> : null}
        </p>
      ) : null}
      {table ? (
        <details className="columns-editor" open={hashPk && partitionKey.length > 0 ? true : undefined}>
          <summary>Column names in Kafka{hashPk ? ' and partition key' : ''} {catalogColumns ? `(${catalogColumns.length} columns)` : ''}</summary>
          {loadingColumns ? <div className="muted">Reading columns…</div> : null}
          <table className="data compact">
            <thead>
              <tr><th>Column</th><th>Type</th><th>Name in Kafka</th>{hashPk ? <th>Partition key</th> : null}</tr>
            </thead>
            <tbody>
              {columns().map((c, i) => (
                <tr key={c.name}>
                  <td className="mono">{c.name}</td>
                  <td className="muted">{c.type ?? ''}</td>
                  <td>
                    <input className={`input${local[`columns.${i}.mappedName`] ? ' invalid' : ''}`} aria-label={`Name of column ${c.name} in Kafka`} value={colNames[c.name] ?? ''} placeholder={c.name} onChange={(e) => setColNames({ ...colNames, [c.name]: e.target.value })} />
                    {local[`columns.${i}.mappedName`] ? <div className="field-error">{local[`columns.${i}.mappedName`]}</div> : null}
                  </td>
                  {hashPk ? (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Partition key column ${c.name}`}
                        checked={partitionKey.includes(c.name)}
                        onChange={(e) => setPartitionKey(e.target.checked ? [...partitionKey, c.name] : partitionKey.filter((x) => x !== c.name))}
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </Modal>
  );
}
