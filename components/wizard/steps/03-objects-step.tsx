'use client';

import { Field, RadioGroup } from '@/components/ui/field';
import { CONFLICT_MODE_LABEL, DATA_FORMAT_LABEL, PARTITION_POLICIES, PARTITION_POLICY_LABEL } from '@/server/model/task-config';
import { ObjectPicker } from '../objects/object-picker';
import type { WizardValues } from '../model';
import { useWizardStore } from '../wizard-store';

const TYPES = [
  { key: 'schema', label: 'Schema Migration' },
  { key: 'full', label: 'Full Data Migration' },
  { key: 'incremental', label: 'Incremental Data Migration' },
] as const;

const CONFLICT_HELP = {
  'precheck-and-report': 'The precheck fails if the destination already holds objects with the same names. Rename objects in Selected Objects if they cannot be removed.',
  ignore: 'Skips the name conflict check. Records with matching primary keys are not migrated; schema mismatches may cause partial migration or task failure. Use with caution.',
} as const;

const FORMAT_HELP = {
  'dts-avro': 'Records use the DTS Avro schema (Record.avsc); works with the Schema Registry.',
  'shareplex-json': 'Records are stored as SharePlex JSON text.',
} as const;

/** Step 3: Configure Objects — migration types, conflict handling, Kafka format and partitioning, and the objects. */
export function ObjectsStep({ errors }: { errors: Record<string, string> }) {
  const values = useWizardStore((s) => s.values);
  const update = useWizardStore((s) => s.update);
  const set = <K extends keyof WizardValues>(k: K, v: WizardValues[K]) => update((x) => ({ ...x, [k]: v }));
  const types = values.migrationTypes;

  return (
    <>
      <div className="card" data-testid="objects-settings">
        <h2>Migration Settings</h2>
        <div className="form-grid wide">
          <Field
            label="Migration Types"
            required
            error={errors.migrationTypes}
            help="Select Schema Migration and Full Data Migration for a one-time migration. DTS recommends all three types to keep the destination in sync and maintain service continuity."
          >
            {() => (
              <div className="check-group" role="group" aria-label="Migration Types">
                {TYPES.map((t) => (
                  <label key={t.key}>
                    <input type="checkbox" name={`migrationTypes.${t.key}`} checked={types[t.key]} onChange={(e) => set('migrationTypes', { ...types, [t.key]: e.target.checked })} />
                    {t.label}
                  </label>
                ))}
              </div>
            )}
          </Field>
          {!types.incremental ? (
            <>
              <span />
              <div className="alert warn" role="note" data-testid="no-incremental-warning" style={{ margin: 0 }}>
                Incremental Data Migration is not selected: do not write to the source database during the migration, or the data in Kafka will be inconsistent.
                Select all three types to keep the destination in sync.
              </div>
            </>
          ) : null}
          <Field label="Processing Mode of Conflicting Tables" required error={errors.conflictMode} help={CONFLICT_HELP[values.conflictMode]}>
            {() => (
              <RadioGroup
                name="conflictMode" label="Processing Mode of Conflicting Tables"
                value={values.conflictMode}
                options={(Object.keys(CONFLICT_MODE_LABEL) as (keyof typeof CONFLICT_MODE_LABEL)[]).map((k) => ({ value: k, label: CONFLICT_MODE_LABEL[k] }))}
                onChange={(v) => set('conflictMode', v)}
              />
            )}
          </Field>
          <Field label="Data Format in Kafka" required error={errors.dataFormat} help={FORMAT_HELP[values.dataFormat]}>
            {() => (
              <RadioGroup
                name="dataFormat" label="Data Format in Kafka"
                value={values.dataFormat}
                options={(Object.keys(DATA_FORMAT_LABEL) as (keyof typeof DATA_FORMAT_LABEL)[]).map((k) => ({ value: k, label: DATA_FORMAT_LABEL[k] }))}
                onChange={(v) => set('dataFormat', v)}
              />
            )}
          </Field>
          <Field label="Policy for shipping data to Kafka partitions" required error={errors.partitionPolicy}>
            {() => (
              <div className="radio-list" role="radiogroup" aria-label="Policy for shipping data to Kafka partitions">
                {PARTITION_POLICIES.map((p) => (
                  <label key={p}>
                    <input type="radio" name="partitionPolicy" value={p} checked={values.partitionPolicy === p} onChange={() => set('partitionPolicy', p)} />
                    <span>{PARTITION_POLICY_LABEL[p]}</span>
                  </label>
                ))}
              </div>
            )}
          </Field>
        </div>
      </div>
      <ObjectPicker errors={errors} />
    </>
  );
}
