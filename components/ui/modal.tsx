'use client';

import { useEffect, useRef } from 'react';

/**
 * A modal on the native <dialog>: focus moves into it, Escape and the Close button dismiss it, and
 * the page behind cannot be clicked.
 */
export function Modal({ title, onClose, footer, children, testId }: { title: string; onClose(): void; footer: React.ReactNode; children: React.ReactNode; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-label={title}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="modal-head">
        <span>{title}</span>
        <button className="btn btn-link" onClick={onClose} aria-label="Close">✕</button>
      </div>
      <div className="modal-body">{children}</div>
      <div className="modal-foot">{footer}</div>
    </dialog>
  );
}
