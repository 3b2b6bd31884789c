'use client';

import { useMutation, useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import { useWizardStore } from '../wizard-store';

/**
 * Configure ETL › Try it: runs the script as typed on the first rows of a selected table (read from
 * the source over the draft's connection, catalog.previewEtl) and shows each row before and after;
 * rows a keep condition drops are marked. Nothing is saved.
 */
export function EtlTryIt({ script }: { script: string }) {
  const trpc = useTRPC();
  const draftId = useWizardStore((s) => s.draftId);
  const objects = useWizardStore((s) => s.values.objects);
  const whole = objects.schemas.filter((s) => s.all).map((s) => s.name);
  const catalogs = useQueries({ queries: whole.map((owner) => ({ ...trpc.catalog.tables.queryOptions({ taskId: draftId ?? '', owner }), enabled: Boolean(draftId) })) });
  const tables = [
    ...objects.schemas.filter((s) => !s.all).flatMap((s) => s.tables.map((t) => `${s.name}.${t.name}`)),
    ...whole.flatMap((owner, i) => (catalogs[i]?.data ?? []).map((t) => `${owner}.${t.name}`)),
  ];
  const [picked, setPicked] = useState('');
  const table = tables.includes(picked) ? picked : (tables[0] ?? '');
  const preview = useMutation(trpc.catalog.previewEtl.mutationOptions());
  const failure = preview.error ? describeApiError(preview.error) : null;

  if (!draftId) return null;
  const run = () => {
    const dot = table.indexOf('.');
    preview.mutate({ taskId: draftId, owner: table.slice(0, dot), table: table.slice(dot + 1), limit: 5, script });
  };
  const data = preview.data;
  return (
    <div className="etl-try-it" data-testid="etl-try-it">
      <div className="row" style={{ gap: 8, alignItems: 'center', display: 'flex' }}>
        <label htmlFor="etl-try-table">Sample rows from</label>
        <select id="etl-try-table" className="input" style={{ width: 'auto' }} value={table} onChange={(e) => setPicked(e.target.value)}>
          {tables.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <button type="button" className="btn" onClick={run} disabled={!table || script.trim() === '' || preview.isPending}>
          {preview.isPending ? 'Running…' : 'Try it'}
        </button>
      </div>
      {failure ? (
        <div className="field-error" role="alert" data-testid="etl-try-error">
          {failure.message}
          {failure.hint ? <div className="muted">{failure.hint}</div> : null}
        </div>
      ) : null}
      {data && !preview.isPending && !failure ? (
        <div data-testid="etl-preview">
          <p className="muted">
            {data.before.rows.length} row{data.before.rows.length === 1 ? '' : 's'} of {data.owner}.{data.table} read as of SCN {data.scn}
            {data.dropped > 0 ? `; ${data.dropped} dropped by keep conditions` : ''}.
          </p>
          <PreviewTable caption="Before" testId="etl-preview-before" columns={data.before.columns} rows={data.before.rows} />
          <PreviewTable caption="After" testId="etl-preview-after" columns={data.after.columns} rows={data.after.rows} />
        </div>
      ) : null}
    </div>
  );
}

function PreviewTable({ caption, testId, columns, rows }: { caption: string; testId: string; columns: string[]; rows: ((string | null)[] | null)[] }) {
  return (
    <div style={{ overflowX: 'auto', marginTop: 8 }}>
      <table className="data" data-testid={testId}>
        <caption style={{ textAlign: 'left', fontWeight: 600 }}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) =>
            r === null ? (
              <tr key={i} className="muted">
                <td colSpan={columns.length}>Dropped by a keep condition</td>
              </tr>
            ) : (
              <tr key={i}>
                {r.map((v, j) => (
                  <td key={j} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', whiteSpace: 'nowrap' }}>
                    {v === null ? <span className="muted">NULL</span> : v}
                  </td>
                ))}
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
