'use client';

import { useEffect, useId, useRef } from 'react';
import './monitor.css';

/** A modal confirmation (Escape or Cancel closes it); the confirm button takes the focus. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: { message: string; hint?: string | null } | null;
  onConfirm(): void;
  onCancel(): void;
}) {
  const titleId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  // The latest onCancel without re-running the effect (parents re-render on every refresh).
  const cancelRef = useRef(onCancel);
  useEffect(() => {
    cancelRef.current = onCancel;
  });
  useEffect(() => {
    confirmRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') cancelRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <header id={titleId}>{title}</header>
        <div className="body">
          {children}
          {error ? (
            <div className="alert error" role="alert" style={{ marginTop: 12, marginBottom: 0 }}>
              {error.message}
              {error.hint ? <div className="muted">{error.hint}</div> : null}
            </div>
          ) : null}
        </div>
        <footer>
          <button className="btn" onClick={onCancel}>Cancel</button>
          <button ref={confirmRef} className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} disabled={busy} onClick={onConfirm} data-testid="confirm-dialog-ok">
            {busy ? 'Working…' : confirmLabel}
          </button>
        </footer>
      </div>
    </div>
  );
}
