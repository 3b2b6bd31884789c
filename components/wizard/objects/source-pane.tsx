'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/trpc/provider';
import type { ObjectSelection } from '@/server/model/task-objects';
import { isListed, isSelected, refKey, type ObjectRef } from './selection';
import { KeylessBadge, rowsText } from './table-badges';

interface Props {
  taskId: string;
  objects: ObjectSelection;
  checked: ObjectRef[];
  onChecked(refs: ObjectRef[]): void;
}

/** The source catalog: schemas, each expanding into its tables with row estimates and key markers. */
export function SourcePane({ taskId, objects, checked, onChecked }: Props) {
  const trpc = useTRPC();
  const schemas = useQuery(trpc.catalog.schemas.queryOptions({ taskId }));
  const [open, setOpen] = useState<string[]>([]);
  const [search, setSearch] = useState('');
  const keys = new Set(checked.map(refKey));
  const toggle = (r: ObjectRef, on: boolean) => onChecked(on ? [...checked, r] : checked.filter((c) => refKey(c) !== refKey(r)));

  return (
    <div className="pane" data-testid="source-pane">
      <div className="pane-head">
        <span>Source Objects</span>
        {schemas.data ? <span className="muted">{schemas.data.length} schemas</span> : null}
      </div>
      <div className="pane-search">
        <input className="input" type="search" placeholder="Filter tables by name" aria-label="Filter source tables by name" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <div className="pane-body">
        {schemas.isPending ? (
          <div className="pane-note muted">Reading the source catalog…</div>
        ) : schemas.isError ? (
          <div className="pane-note alert error" role="alert">Could not read the source catalog: {schemas.error.message}</div>
        ) : (
          schemas.data.map((owner) => {
            const expanded = open.includes(owner);
            const whole = isSelected(objects, owner);
            return (
              <div key={owner} data-schema={owner}>
                <div className={`obj-row${whole ? ' disabled' : ''}`}>
                  <button
                    className="tree-toggle"
                    aria-expanded={expanded}
                    aria-label={`${expanded ? 'Collapse' : 'Expand'} schema ${owner}`}
                    onClick={() => setOpen(expanded ? open.filter((o) => o !== owner) : [...open, owner])}
                  >
                    {expanded ? '▾' : '▸'}
                  </button>
                  <input type="checkbox" aria-label={`Select schema ${owner}`} disabled={whole} checked={whole || keys.has(owner)} onChange={(e) => toggle({ owner }, e.target.checked)} />
                  <span className="grow">
                    <span className="obj-icon">DB</span> {owner}
                  </span>
                  {whole ? <span className="badge">selected</span> : null}
                </div>
                {expanded ? <SchemaTables taskId={taskId} owner={owner} objects={objects} search={search} keys={keys} toggle={toggle} /> : null}
              </div>
            );
          })
        )}
      </div>
    </div>
  );
}

function SchemaTables({ taskId, owner, objects, search, keys, toggle }: { taskId: string; owner: string; objects: ObjectSelection; search: string; keys: Set<string>; toggle(r: ObjectRef, on: boolean): void }) {
  const trpc = useTRPC();
  const tables = useQuery(trpc.catalog.tables.queryOptions({ taskId, owner }));
  if (tables.isPending) return <div className="obj-row child muted">Loading tables…</div>;
  if (tables.isError) return <div className="obj-row child field-error" role="alert">{tables.error.message}</div>;
  const needle = search.trim().toUpperCase();
  const shown = tables.data.filter((t) => !needle || t.name.toUpperCase().includes(needle));
  if (shown.length === 0) return <div className="obj-row child muted">{tables.data.length === 0 ? 'No tables.' : 'No table matches the filter.'}</div>;
  return (
    <>
      {shown.map((t) => {
        const ref = { owner, table: t.name };
        // A table of a whole-schema selection can still be moved right, to give it settings of its own.
        const listed = isListed(objects, owner, t.name);
        const inWhole = !listed && isSelected(objects, owner, t.name);
        return (
          <div key={t.name} className={`obj-row child${listed ? ' disabled' : ''}`} data-ref={refKey(ref)}>
            <input type="checkbox" aria-label={`Select table ${owner}.${t.name}`} disabled={listed} checked={listed || keys.has(refKey(ref))} onChange={(e) => toggle(ref, e.target.checked)} />
            <span className="grow" title={inWhole ? `${t.name} migrates with schema ${owner}; move it right to rename or filter it.` : t.name}>
              {t.name}
              {inWhole ? <span className="obj-detail"> · in schema</span> : null}
            </span>
            {t.keyless ? <KeylessBadge /> : null}
            <span className="rows">{rowsText(t.rowCountEstimate)}</span>
          </div>
        );
      })}
    </>
  );
}
