'use client';

import { PrecheckPanel } from '@/components/tasks/precheck-panel';
import { useWizardStore } from '../wizard-store';

/**
 * Step 5: Precheck. Runs on entering the step when the saved settings have not been prechecked
 * yet; Next is enabled (through `onResult`) only when every item passed or was ignored.
 */
export function PrecheckStep({ onResult }: { onResult(passed: boolean): void }) {
  const draftId = useWizardStore((s) => s.draftId);
  if (!draftId) {
    return (
      <div className="card" data-testid="precheck-step">
        <h2>Precheck</h2>
        <div className="alert error">Save the task in step 1 first; the precheck runs against the saved settings.</div>
      </div>
    );
  }
  return (
    <div data-testid="precheck-step">
      <PrecheckPanel taskId={draftId} autoStart onResult={onResult} />
    </div>
  );
}
