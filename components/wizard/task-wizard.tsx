'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, useSyncExternalStore } from 'react';
import { StepBar } from '@/components/ui/step-bar';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import { sourceDestinationStepSchema } from '@/server/model/task-draft';
import { WIZARD_STEPS } from '@/server/model/wizard-steps';
import { issueMap } from './issue-map';
import { SourceDestinationStep } from './steps/01-source-destination-step';
import { ConnectivityStep } from './steps/02-connectivity-step';
import { PendingStep } from './steps/pending-step';
import { useWizardStore } from './wizard-store';

const noopSubscribe = () => () => {};

export function TaskWizard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { step, setStep, values, draftId, setDraftId, reset } = useWizardStore();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<{ kind: 'error' | 'success'; text: string; hint?: string | null } | null>(null);
  const [connected, setConnected] = useState(false);
  // The draft lives in sessionStorage, which the server render cannot see: render it on the client only.
  const hydrated = useSyncExternalStore(noopSubscribe, () => true, () => false);

  const save = useMutation(
    trpc.task.saveDraft.mutationOptions({
      onSuccess: async (res) => {
        setDraftId(res.id);
        await queryClient.invalidateQueries({ queryKey: trpc.task.list.queryKey() });
      },
    }),
  );

  /** Validates step 1 in the browser with the API's own schema, then saves it. */
  async function saveStep(): Promise<boolean> {
    setBanner(null);
    const parsed = sourceDestinationStepSchema.safeParse(values);
    const fieldErrors = parsed.success ? {} : issueMap(parsed.error);
    if (!draftId && !values.source.password) fieldErrors['source.password'] ??= 'Enter the database password.';
    setErrors(fieldErrors);
    if (Object.keys(fieldErrors).length > 0) {
      setBanner({ kind: 'error', text: `Please fix ${Object.keys(fieldErrors).length === 1 ? 'the highlighted field' : `the ${Object.keys(fieldErrors).length} highlighted fields`}.` });
      return false;
    }
    try {
      await save.mutateAsync({ ...values, id: draftId ?? undefined });
      return true;
    } catch (e) {
      const d = describeApiError(e);
      setErrors(d.fields);
      setBanner({ kind: 'error', text: d.message, hint: d.hint });
      return false;
    }
  }

  if (!hydrated) return <div className="card muted">Loading…</div>;

  return (
    <div data-testid="task-wizard">
      <StepBar steps={WIZARD_STEPS} current={step} />
      {banner ? (
        <div className={`alert ${banner.kind}`} role={banner.kind === 'error' ? 'alert' : 'status'}>
          {banner.text}
          {banner.hint ? <div className="muted">{banner.hint}</div> : null}
        </div>
      ) : null}
      {step === 0 ? (
        <SourceDestinationStep errors={errors} passwordsStored={{ source: Boolean(draftId), destination: Boolean(draftId) }} />
      ) : step === 1 ? (
        <ConnectivityStep onResult={setConnected} />
      ) : (
        <PendingStep title={WIZARD_STEPS[step].title} />
      )}
      <div className="footer-bar">
        <button
          className="btn"
          onClick={() => {
            reset();
            router.push('/tasks');
          }}
        >
          Cancel
        </button>
        {step > 0 ? <button className="btn" onClick={() => setStep(step - 1)}>Previous</button> : null}
        {step === 0 ? (
          <button
            className="btn"
            data-testid="save-draft"
            disabled={save.isPending}
            onClick={async () => {
              if (await saveStep()) setBanner({ kind: 'success', text: `Draft saved. It is listed on the Data Migration Tasks page as Not Started.` });
            }}
          >
            {save.isPending ? 'Saving…' : 'Save Draft'}
          </button>
        ) : null}
        {step < WIZARD_STEPS.length - 1 ? (
          <button
            className="btn btn-primary"
            data-testid="wizard-next"
            disabled={step === 1 && !connected}
            title={step === 1 && !connected ? 'Both connectivity checks must pass first.' : undefined}
            onClick={async () => {
              if (step === 0 && !(await saveStep())) return;
              setStep(step + 1);
            }}
          >
            Next: {WIZARD_STEPS[step + 1].title}
          </button>
        ) : null}
      </div>
    </div>
  );
}
