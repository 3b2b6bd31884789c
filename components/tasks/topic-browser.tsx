'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import { PageHeader } from '@/components/ui/page-header';
import { formatDateTime } from '@/components/ui/format';
import { BROWSE_OPS, type BrowsedRecord, type RecordBrowseInput } from '@/server/model/record-browse';
import { ImageCompare } from './image-compare';
import './monitor.css';

type From = NonNullable<RecordBrowseInput['from']>;
interface Form {
  from: From;
  at: string;
  table: string;
  op: string;
  key: string;
  xid: string;
  limit: string;
}

const EMPTY: Form = { from: 'start', at: '', table: '', op: '', key: '', xid: '', limit: '100' };
const AT_LABEL: Record<From, string> = { start: '', offset: 'Offset', time: 'Time (e.g. 2026-12-06T10:00:00Z)', scn: 'SCN' };

/** The form as the API's query (recordBrowseSchema validates it on the server, with field messages). */
export function browseQuery(taskId: string, f: Form): RecordBrowseInput {
  const q: RecordBrowseInput = { taskId, from: f.from, limit: Number(f.limit) || 100 };
  if (f.from === 'offset') q.offset = f.at;
  if (f.from === 'time') q.time = f.at;
  if (f.from === 'scn') q.scn = f.at;
  if (f.table.trim()) q.table = f.table.trim();
  if (f.op) q.op = f.op as RecordBrowseInput['op'];
  if (f.key !== '') q.key = f.key;
  if (f.xid.trim()) q.xid = f.xid.trim();
  return q;
}

/**
 * The topic browser: a task's records as its consumers read them (read_committed), from the start,
 * an offset, a time or an SCN, filtered by table, operation, key and XID; one record opens with its
 * before and after images side by side, changed columns highlighted; the shown records export as
 * JSON lines. Every role may browse.
 */
export function TopicBrowser({ taskId }: { taskId: string }) {
  const trpc = useTRPC();
  const [form, setForm] = useState<Form>(EMPTY);
  const [query, setQuery] = useState<RecordBrowseInput | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const result = useQuery({ ...trpc.records.browse.queryOptions(query ?? { taskId }), enabled: query !== null, retry: false, refetchOnWindowFocus: false });
  const err = result.error ? describeApiError(result.error) : null;
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const records = result.data?.records ?? [];
  const selected = records.find((r) => id(r) === open) ?? null;

  return (
    <div data-testid="topic-browser">
      <PageHeader
        title="Records"
        subtitle={<span>What consumers of task <span className="mono">{taskId}</span> read (read_committed){result.data ? <> from topic <span className="mono">{result.data.topic}</span></> : null}</span>}
        actions={<Link className="btn" href={`/tasks/${encodeURIComponent(taskId)}`}>Back to task</Link>}
      />
      <form
        className="card browse-form"
        onSubmit={(e) => {
          e.preventDefault();
          setOpen(null);
          setQuery(browseQuery(taskId, form));
        }}
      >
        <label>
          Start at
          <select className="input" aria-label="Start at" value={form.from} onChange={set('from')}>
            <option value="start">Beginning</option>
            <option value="offset">Offset</option>
            <option value="time">Time</option>
            <option value="scn">SCN</option>
          </select>
        </label>
        {form.from !== 'start' ? (
          <label>
            {AT_LABEL[form.from]}
            <input className={`input ${err?.fields[form.from] ? 'invalid' : ''}`} aria-label={AT_LABEL[form.from]} value={form.at} onChange={set('at')} />
          </label>
        ) : null}
        <label>
          Table
          <input className="input" aria-label="Table" placeholder="OWNER.TABLE" value={form.table} onChange={set('table')} />
        </label>
        <label>
          Operation
          <select className="input" aria-label="Operation" value={form.op} onChange={set('op')}>
            <option value="">Any</option>
            {BROWSE_OPS.map((o) => <option key={o} value={o}>{o}</option>)}
          </select>
        </label>
        <label>
          Key
          <input className="input" aria-label="Key" placeholder="e.g. 17 or 7,2" value={form.key} onChange={set('key')} />
        </label>
        <label>
          XID
          <input className="input" aria-label="XID" value={form.xid} onChange={set('xid')} />
        </label>
        <label>
          Show
          <input className="input" aria-label="Limit" type="number" min={1} max={500} value={form.limit} onChange={set('limit')} style={{ width: 80 }} />
        </label>
        <button className="btn btn-primary" type="submit" data-testid="browse-read" disabled={result.isFetching}>{result.isFetching ? 'Reading…' : 'Read'}</button>
        <button className="btn" type="button" data-testid="browse-export" disabled={records.length === 0} onClick={() => exportJsonLines(taskId, records)}>Export JSON lines</button>
      </form>
      {err ? <div className="alert error" role="alert">{err.message}{err.hint ? ` ${err.hint}` : ''}</div> : null}
      {result.data ? (
        <div className="card" style={{ padding: 0 }}>
          <div className="muted" style={{ padding: '10px 20px' }} data-testid="browse-summary">
            {records.length} record(s) shown of {result.data.scanned.toLocaleString('en-US')} read{result.data.more ? ' — more follow: narrow the filter or start later' : ''}.
          </div>
          <table className="data" data-testid="browse-records">
            <thead>
              <tr><th>Partition / offset</th><th>Time</th><th>Operation</th><th>Table</th><th>Key</th><th>Commit SCN</th><th>XID</th><th>Changed</th></tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr key={id(r)} data-key={r.key ?? ''} data-op={r.op ?? ''} className={open === id(r) ? 'selected' : undefined} onClick={() => setOpen(open === id(r) ? null : id(r))} style={{ cursor: 'pointer' }}>
                  <td className="mono">{r.partition} / {r.offset}</td>
                  <td className="mono" style={{ fontSize: 12 }}>{formatDateTime(new Date(r.timestampMs))}</td>
                  <td>{r.error ? <span className="badge err" title={r.error}>unreadable</span> : <span className="badge">{r.op}</span>}</td>
                  <td className="mono">{r.table}</td>
                  <td className="mono">{r.key}</td>
                  <td className="mono">{r.commitScn}</td>
                  <td className="mono">{r.txId}</td>
                  <td>{r.changed.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {selected ? <RecordDetail record={selected} /> : null}
    </div>
  );
}

function RecordDetail({ record: r }: { record: BrowsedRecord }) {
  return (
    <div className="card" data-testid="record-detail">
      <h2>
        {r.op ?? 'Unreadable'} <span className="mono">{r.table}</span> key <span className="mono">{r.key}</span>
      </h2>
      <div className="muted" style={{ marginBottom: 8 }}>
        partition {r.partition}, offset {r.offset} · commit SCN {r.commitScn}{r.scn ? ` (change SCN ${r.scn})` : ''} · XID {r.txId || '—'} · seq {r.seq}
      </div>
      {r.error ? <div className="alert error">{r.error}</div> : null}
      {r.ddl !== undefined ? <pre className="mono">{r.ddl}</pre> : <ImageCompare left={r.before} right={r.after} leftLabel="Before" rightLabel="After" highlight={new Set(r.changed)} />}
    </div>
  );
}

const id = (r: BrowsedRecord) => `${r.partition}:${r.offset}`;

function exportJsonLines(taskId: string, records: BrowsedRecord[]): void {
  const blob = new Blob([records.map((r) => JSON.stringify(r)).join('\n') + '\n'], { type: 'application/x-ndjson' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${taskId}-records.jsonl`;
  a.click();
  URL.revokeObjectURL(url);
}
