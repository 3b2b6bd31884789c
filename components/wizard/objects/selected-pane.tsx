'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/provider';
import { ObjectMapper } from '@/server/model/task-mapping';
import { OPERATIONS, type ObjectSelection, type SchemaSelection } from '@/server/model/task-objects';
import { refKey, selectedRows, type ObjectRef, type SelectedRow } from './selection';
import { KeylessBadge, rowsText } from './table-badges';

interface Props {
  taskId: string;
  objects: ObjectSelection;
  errors: Record<string, string>;
  checked: ObjectRef[];
  onChecked(refs: ObjectRef[]): void;
  onEdit(row: SelectedRow): void;
  onBatchEdit(): void;
}

/** What migrates, as it will be named in Kafka, with each object's filter, operations and problems. */
export function SelectedPane({ taskId, objects, errors, checked, onChecked, onEdit, onBatchEdit }: Props) {
  const keys = new Set(checked.map(refKey));
  const toggle = (r: ObjectRef, on: boolean) => onChecked(on ? [...checked, r] : checked.filter((c) => refKey(c) !== refKey(r)));
  const mapper = new ObjectMapper(objects);
  const rows = selectedRows(objects);
  const count = objects.schemas.reduce((n, s) => n + s.tables.length, 0);

  return (
    <div className="pane" data-testid="selected-pane">
      <div className="pane-head">
        <span>Selected Objects</span>
        <span className="muted" style={{ fontWeight: 400 }}>
          {objects.schemas.length} schema{objects.schemas.length === 1 ? '' : 's'}, {count} table{count === 1 ? '' : 's'} listed
        </span>
        <button className="btn btn-sm" data-testid="batch-edit" onClick={onBatchEdit} disabled={rows.length === 0}>
          Batch Edit
        </button>
      </div>
      <div className="pane-body">
        {rows.length === 0 ? (
          <div className="pane-note muted">Nothing selected yet. Tick schemas or tables under Source Objects and click Add →.</div>
        ) : (
          objects.schemas.map((s) => <SchemaGroup key={s.name} taskId={taskId} schema={s} rows={rows.filter((r) => r.ref.owner === s.name)} mapper={mapper} errors={errors} keys={keys} toggle={toggle} onEdit={onEdit} />)
        )}
      </div>
    </div>
  );
}

function SchemaGroup({ taskId, schema, rows, mapper, errors, keys, toggle, onEdit }: {
  taskId: string;
  schema: SchemaSelection;
  rows: SelectedRow[];
  mapper: ObjectMapper;
  errors: Record<string, string>;
  keys: Set<string>;
  toggle(r: ObjectRef, on: boolean): void;
  onEdit(row: SelectedRow): void;
}) {
  const trpc = useTRPC();
  const tables = useQuery(trpc.catalog.tables.queryOptions({ taskId, owner: schema.name }));
  const info = new Map((tables.data ?? []).map((t) => [t.name, t]));
  return (
    <div data-selected-schema={schema.name}>
      {rows.map((row) => {
        const label = row.kind === 'schema' ? row.ref.owner : `${row.ref.owner}.${row.ref.table}`;
        const own = rowErrors(errors, row);
        const target = row.kind === 'schema' ? mapper.schema(row.ref.owner) : mapper.table(row.ref.owner, row.ref.table!).table;
        const source = row.kind === 'schema' ? row.ref.owner : row.ref.table!;
        const t = row.kind === 'table' ? info.get(row.table.name) : undefined;
        const ops = row.kind === 'table' ? row.table.operations : row.schema.operations;
        return (
          <div key={refKey(row.ref)} data-ref={refKey(row.ref)} className={own.length > 0 ? 'has-error' : undefined}>
            <div className={`obj-row${row.kind === 'table' ? ' child' : ''}`}>
              <input type="checkbox" aria-label={`Select ${label} for removal`} checked={keys.has(refKey(row.ref))} onChange={(e) => toggle(row.ref, e.target.checked)} />
              <span className="grow">
                {row.kind === 'schema' ? <span className="obj-icon">DB</span> : null} {source}
                {target !== source ? <span className="mapped" data-testid="mapped-name"> → {target}</span> : null}
                {row.kind === 'schema' ? <span className="obj-detail"> {row.schema.all ? '· all tables, including tables created later' : '· listed tables only'}</span> : null}
                {row.kind === 'table' && row.table.filter ? (
                  <span className="obj-detail mono" data-testid="filter-text" title={row.table.filter}> · WHERE {row.table.filter}</span>
                ) : null}
                {ops && ops.length < OPERATIONS.length ? <span className="obj-detail"> · {ops.join(', ')}</span> : null}
                {row.kind === 'table' && row.table.partitionKey?.length ? <span className="obj-detail" data-testid="partition-key"> · partition key {row.table.partitionKey.join(', ')}</span> : null}
              </span>
              {t?.keyless ? <KeylessBadge /> : null}
              {row.kind === 'table' ? <span className="rows">{t ? rowsText(t.rowCountEstimate) : ''}</span> : null}
              <button className="btn btn-sm" aria-label={`Edit ${label}`} onClick={() => onEdit(row)}>
                Edit
              </button>
            </div>
            {own.map((m) => (
              <div key={m} className={`row-error field-error${row.kind === 'table' ? ' child' : ''}`} role="alert">{m}</div>
            ))}
          </div>
        );
      })}
    </div>
  );
}

/** A table row shows everything under its path; a schema row leaves its listed tables' problems to them. */
function rowErrors(errors: Record<string, string>, row: SelectedRow): string[] {
  return Object.entries(errors)
    .filter(([k]) => (k === row.path || k.startsWith(`${row.path}.`)) && (row.kind === 'table' || !k.startsWith(`${row.path}.tables.`)))
    .map(([, m]) => m);
}
