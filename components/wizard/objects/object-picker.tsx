'use client';

import { useState } from 'react';
import { errorsUnder } from '../model';
import { useWizardStore } from '../wizard-store';
import { BatchEditDialog } from './batch-edit-dialog';
import { EditObjectDialog } from './edit-object-dialog';
import { addSchemas, addTables, removeObjects, type ObjectRef, type SelectedRow } from './selection';
import { SelectedPane } from './selected-pane';
import { SourcePane } from './source-pane';

/**
 * "Source Objects / Selected Objects": tick schemas or tables on the left and move them right; on
 * the right, Edit renames one object, sets its WHERE filter and its incremental operations, and
 * Batch Edit renames many at once. The catalog is read over the saved draft's connection.
 */
export function ObjectPicker({ errors }: { errors: Record<string, string> }) {
  const draftId = useWizardStore((s) => s.draftId);
  const objects = useWizardStore((s) => s.values.objects);
  const update = useWizardStore((s) => s.update);
  const [checkedLeft, setCheckedLeft] = useState<ObjectRef[]>([]);
  const [checkedRight, setCheckedRight] = useState<ObjectRef[]>([]);
  const [editing, setEditing] = useState<SelectedRow | null>(null);
  const [batch, setBatch] = useState(false);
  const setObjects = (f: (o: typeof objects) => typeof objects) => update((v) => ({ ...v, objects: f(v.objects) }));

  if (!draftId) return <div className="alert error">Save the source and destination (step 1) first.</div>;

  function moveRight() {
    setObjects((o) => {
      let next = addSchemas(o, checkedLeft.filter((r) => r.table === undefined).map((r) => r.owner));
      const byOwner = new Map<string, string[]>();
      for (const r of checkedLeft) if (r.table !== undefined) byOwner.set(r.owner, [...(byOwner.get(r.owner) ?? []), r.table]);
      for (const [owner, tables] of byOwner) next = addTables(next, owner, tables);
      return next;
    });
    setCheckedLeft([]);
  }

  function moveLeft() {
    setObjects((o) => removeObjects(o, checkedRight));
    setCheckedRight([]);
  }

  const topError = errors['objects.schemas'] ?? errors.objects;
  const batchErrors = errorsUnder(errors, 'objects.batchRules');
  return (
    <div className="card" data-testid="object-picker">
      <h2>Source Objects / Selected Objects</h2>
      <div className="picker">
        <SourcePane taskId={draftId} objects={objects} checked={checkedLeft} onChecked={setCheckedLeft} />
        <div className="picker-actions">
          <button className="btn" data-testid="move-right" disabled={checkedLeft.length === 0} onClick={moveRight} aria-label="Move to Selected Objects">
            Add →
          </button>
          <button className="btn" data-testid="move-left" disabled={checkedRight.length === 0} onClick={moveLeft} aria-label="Remove from Selected Objects">
            ← Remove
          </button>
        </div>
        <SelectedPane
          taskId={draftId}
          objects={objects}
          errors={errors}
          checked={checkedRight}
          onChecked={setCheckedRight}
          onEdit={setEditing}
          onBatchEdit={() => setBatch(true)}
        />
      </div>
      {topError ? <div className="field-error" role="alert">{topError}</div> : null}
      {batchErrors.map((m) => (
        <div key={m} className="field-error" role="alert">Batch Edit: {m}</div>
      ))}
      <div className="field-help">
        Tables need a primary key or a unique key; without one, duplicate records may appear in Kafka. Renaming an object may make objects that depend on it fail to migrate.
      </div>
      {editing ? (
        <EditObjectDialog
          taskId={draftId}
          row={editing}
          errors={errors}
          onClose={() => setEditing(null)}
          onSave={(f) => {
            setObjects(f);
            setEditing(null);
          }}
        />
      ) : null}
      {batch ? (
        <BatchEditDialog
          taskId={draftId}
          objects={objects}
          onClose={() => setBatch(false)}
          onSave={(o) => {
            setObjects(() => o);
            setBatch(false);
          }}
        />
      ) : null}
    </div>
  );
}
