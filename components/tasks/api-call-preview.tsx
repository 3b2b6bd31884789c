'use client';

import { useState, useSyncExternalStore } from 'react';
import { Modal } from '@/components/ui/modal';
import { cliCommand, curlCommand, taskRequestJson, type StoredTask } from './api-call';
import './monitor.css';

const noopSubscribe = () => () => {};

/**
 * DTS's Preview API Call: the JSON the API's task.create takes for this task (secrets masked), and
 * copy buttons for the HTTP call (curl with an API token) and the CLI command. Both read the
 * passwords from environment variables; nothing secret is ever in the page.
 */
export function ApiCallPreview({ task }: { task: StoredTask }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button className="btn" data-testid="preview-api-call" onClick={() => setOpen(true)}>
        Preview API Call
      </button>
      {open ? <PreviewDialog task={task} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function PreviewDialog({ task, onClose }: { task: StoredTask; onClose(): void }) {
  const origin = useSyncExternalStore(noopSubscribe, () => window.location.origin, () => '');
  const blocks = [
    { id: 'curl', title: 'HTTP call (curl)', text: curlCommand(task, origin) },
    { id: 'cli', title: 'CLI', text: cliCommand(task, origin) },
  ];
  return (
    <Modal title="Preview API Call" testId="api-call-preview" onClose={onClose} footer={<button className="btn" onClick={onClose}>Close</button>}>
      <p className="field-help" style={{ marginTop: 0 }}>
        The request <span className="mono">POST /api/trpc/task.create</span> creates this task, Not Started, as the wizard would; then{' '}
        <span className="mono">precheck.start</span> and <span className="mono">task.start</span> run it. Passwords are masked here and read from environment variables by the commands.
      </p>
      <pre className="code" data-testid="api-call-json">{JSON.stringify(taskRequestJson(task, 'mask'), null, 2)}</pre>
      {blocks.map((b) => (
        <CopyBlock key={b.id} id={b.id} title={b.title} text={b.text} />
      ))}
    </Modal>
  );
}

function CopyBlock({ id, title, text }: { id: string; title: string; text: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <div className="copy-block">
      <div className="section-head">
        <h3>{title}</h3>
        <button
          className="btn btn-sm"
          data-testid={`copy-${id}`}
          onClick={() =>
            navigator.clipboard.writeText(text).then(
              () => setState('copied'),
              () => setState('failed'),
            )
          }
        >
          {state === 'copied' ? 'Copied' : 'Copy'}
        </button>
      </div>
      {state === 'failed' ? <div className="field-error" role="alert">The browser did not allow copying; select the text below and copy it.</div> : null}
      <pre className="code" data-testid={`api-call-${id}`}>{text}</pre>
    </div>
  );
}
