'use client';

import { Field } from '@/components/ui/field';
import { INSTANCE_CAPS, INSTANCE_CLASSES, type InstanceClass } from '@/server/model/task-instance-class';
import { useWizardStore } from '../wizard-store';

const SUITED: Record<InstanceClass, string> = {
  small: 'Small schemas, test and development tasks',
  medium: 'Most production schemas (default)',
  large: 'Large tables or busy redo streams',
  xlarge: 'Very large full loads and heavy change rates',
};

const n = (v: number) => v.toLocaleString('en-US');

/** Throttles above the class cap have no further effect: say so where the class is chosen. */
function capNotes(cls: InstanceClass, a: { fullThrottle: { enabled: boolean; rps: unknown; mbps: unknown }; incrementalThrottle: { enabled: boolean; rps: unknown; mbps: unknown } }): string[] {
  const cap = INSTANCE_CAPS[cls];
  const out: string[] = [];
  for (const [phase, t] of [['full', a.fullThrottle], ['incremental', a.incrementalThrottle]] as const) {
    if (!t.enabled) continue;
    if (Number(t.rps) > cap.rps) out.push(`Your ${phase} throttle of ${n(Number(t.rps))} RPS is above the ${cls} cap; the cap of ${n(cap.rps)} RPS applies.`);
    if (Number(t.mbps) > cap.mbps) out.push(`Your ${phase} throttle of ${Number(t.mbps)} MB/s is above the ${cls} cap; the cap of ${n(cap.mbps)} MB/s applies.`);
  }
  return out;
}

/** Step 6: Purchase Instance — resource group and the instance class that caps the task's throughput. */
export function InstanceStep({ errors }: { errors: Record<string, string> }) {
  const values = useWizardStore((s) => s.values);
  const update = useWizardStore((s) => s.update);
  const notes = capNotes(values.instanceClass, values.advanced);

  return (
    <div className="card" data-testid="instance-step">
      <h2>New Instance Class</h2>
      <div className="form-grid">
        <Field label="Resource Group" required error={errors.resourceGroup} help="Groups tasks for access and reporting.">
          {(id) => <input id={id} name="resourceGroup" className={`input${errors.resourceGroup ? ' invalid' : ''}`} value={values.resourceGroup} onChange={(e) => update((v) => ({ ...v, resourceGroup: e.target.value }))} />}
        </Field>
      </div>
      <h3>Instance Class</h3>
      <p className="field-help" style={{ marginTop: 0 }}>
        The instance class caps the task&apos;s throughput, for full data migration (rows read) and incremental migration (change records written) separately. A throttle set in Advanced Settings can lower the cap, never raise it.
      </p>
      <table className="data" role="radiogroup" aria-label="Instance Class" data-testid="instance-classes">
        <thead>
          <tr><th style={{ width: 40 }} /><th>Instance Class</th><th>Max records/s</th><th>Max MB/s</th><th>Suited for</th></tr>
        </thead>
        <tbody>
          {INSTANCE_CLASSES.map((c) => (
            <tr key={c} className={values.instanceClass === c ? 'selected' : undefined} onClick={() => update((v) => ({ ...v, instanceClass: c }))} style={{ cursor: 'pointer' }}>
              <td>
                <input type="radio" name="instanceClass" id={`instance-${c}`} value={c} checked={values.instanceClass === c} onChange={() => update((v) => ({ ...v, instanceClass: c }))} />
              </td>
              <td><label htmlFor={`instance-${c}`} className="mono">{c}</label></td>
              <td>{n(INSTANCE_CAPS[c].rps)}</td>
              <td>{n(INSTANCE_CAPS[c].mbps)}</td>
              <td className="muted">{SUITED[c]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors.instanceClass ? <div className="field-error" role="alert">{errors.instanceClass}</div> : null}
      {notes.map((m) => <div key={m} className="alert info" style={{ marginTop: 12 }}>{m}</div>)}
    </div>
  );
}
