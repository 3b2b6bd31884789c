'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';
import { StepBar } from '@/components/ui/step-bar';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import { sourceDestinationStepSchema } from '@/server/model/task-draft';
import { sectionIssues } from '@/server/model/wizard-sections';
import { WIZARD_STEPS, type WizardStepId } from '@/server/model/wizard-steps';
import { issueMap } from './issue-map';
import { buildSection, buildTaskConfig, STEP_SECTION, type WizardValues } from './model';
import { SourceDestinationStep } from './steps/01-source-destination-step';
import { ConnectivityStep } from './steps/02-connectivity-step';
import { ObjectsStep } from './steps/03-objects-step';
import { AdvancedStep } from './steps/04-advanced-step';
import { PrecheckStep } from './steps/05-precheck-step';
import { InstanceStep } from './steps/06-instance-step';
import { ReviewStep } from './steps/07-review-step';
import { PendingStep } from './steps/pending-step';
import { useEditDraft } from './use-edit-draft';
import { useWizardStore } from './wizard-store';
import './wizard.css';

type Banner = { kind: 'error' | 'success'; text: string; hint?: string | null };
/** An API refusal, shown until the values it was about change. */
type ServerFailure = { values: WizardValues; errors: Record<string, string>; banner: Banner };

function plural(n: number): string {
  return n === 1 ? 'the highlighted field' : `the ${n} highlighted fields`;
}

/** The step's problems, from the same schemas the API applies. */
function validate(stepId: WizardStepId, values: WizardValues, draftId: string | null): Record<string, string> {
  if (stepId === 'source-destination') {
    const parsed = sourceDestinationStepSchema.safeParse(values);
    const errors = parsed.success ? {} : issueMap(parsed.error);
    if (!draftId && !values.source.password && !values.instances?.source) errors['source.password'] ??= 'Enter the database password.';
    return errors;
  }
  const section = STEP_SECTION[stepId];
  if (!section) return {};
  return Object.fromEntries(sectionIssues(section, buildTaskConfig(values)).map((i) => [i.path, i.message]));
}

/** The seven-step Create Task wizard; `editId` opens a saved Not Started task instead of a new one. */
export function TaskWizard({ editId }: { editId?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { step, setStep, values, draftId, setDraftId, reset } = useWizardStore();
  // After a Next that found problems, the step is re-checked as the user types (errors go away once fixed).
  const [validatedStep, setValidatedStep] = useState<number | null>(null);
  const [serverFailure, setServerFailure] = useState<ServerFailure | null>(null);
  const [notice, setNotice] = useState<Banner | null>(null);
  const [connected, setConnected] = useState(false);
  const [prechecked, setPrechecked] = useState(false);
  const [footerSlot, setFooterSlot] = useState<HTMLElement | null>(null);
  // The draft lives in sessionStorage, which the server render cannot see: render it on the client only.
  const hydrated = useHydrated();
  const editing = useEditDraft(editId, hydrated);
  const stepId = WIZARD_STEPS[step]?.id ?? 'source-destination';

  const clientErrors = useMemo(() => (validatedStep === step ? validate(stepId, values, draftId) : {}), [validatedStep, step, stepId, values, draftId]);
  const serverCurrent = serverFailure && serverFailure.values === values ? serverFailure : null;
  const errors = { ...clientErrors, ...(serverCurrent?.errors ?? {}) };
  const errorCount = Object.keys(clientErrors).length;
  const banner: Banner | null = serverCurrent?.banner ?? (errorCount > 0 ? { kind: 'error', text: `Please fix ${plural(errorCount)}.` } : notice);

  const invalidate = async (id: string) => {
    await queryClient.invalidateQueries({ queryKey: trpc.task.list.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.task.get.queryKey({ id }) });
  };
  const save = useMutation(trpc.task.saveDraft.mutationOptions({ onSuccess: async (res) => { setDraftId(res.id); await invalidate(res.id); } }));
  const saveSection = useMutation(trpc.task.saveSection.mutationOptions({ onSuccess: (res) => invalidate(res.id) }));

  function refused(e: unknown): false {
    const d = describeApiError(e);
    setServerFailure({ values, errors: d.fields, banner: { kind: 'error', text: d.message, hint: d.hint } });
    return false;
  }

  /** Checks the step in the browser with the API's own schema, then saves it (step 1: the draft; later steps: their section). */
  async function saveStep(): Promise<boolean> {
    setNotice(null);
    setServerFailure(null);
    setValidatedStep(step);
    if (Object.keys(validate(stepId, values, draftId)).length > 0) return false;
    const section = STEP_SECTION[stepId];
    try {
      if (stepId === 'source-destination') {
        const picked = values.instances ?? { source: '', destination: '' };
        await save.mutateAsync({ ...values, id: draftId ?? undefined, sourceInstanceId: picked.source || undefined, destinationInstanceId: picked.destination || undefined });
      }
      else if (section && draftId) await saveSection.mutateAsync({ id: draftId, section, values: buildSection(section, values) });
      else if (section) return refused(new Error('Save the source and destination (step 1) first.'));
      return true;
    } catch (e) {
      return refused(e);
    }
  }

  function go(to: number) {
    setValidatedStep(null);
    setServerFailure(null);
    setNotice(null);
    setStep(to);
  }

  async function next() {
    if (await saveStep()) go(step + 1);
  }

  if (!hydrated || editing.state === 'loading') return <div className="card muted">Loading…</div>;
  if (editing.state === 'error') return <div className="alert error" role="alert">{editing.message}</div>;

  const busy = save.isPending || saveSection.isPending;
  return (
    <div data-testid="task-wizard" data-step={stepId}>
      <StepBar steps={WIZARD_STEPS} current={step} />
      {banner ? (
        <div className={`alert ${banner.kind}`} role={banner.kind === 'error' ? 'alert' : 'status'} data-testid="wizard-banner">
          {banner.text}
          {banner.hint ? <div className="muted">{banner.hint}</div> : null}
        </div>
      ) : null}
      {stepId === 'source-destination' ? (
        <SourceDestinationStep errors={errors} passwordsStored={{ source: Boolean(draftId), destination: Boolean(draftId) }} />
      ) : stepId === 'connectivity' ? (
        <ConnectivityStep onResult={setConnected} />
      ) : stepId === 'objects' ? (
        <ObjectsStep errors={errors} />
      ) : stepId === 'advanced' ? (
        <AdvancedStep errors={errors} />
      ) : stepId === 'precheck' ? (
        <PrecheckStep onResult={setPrechecked} />
      ) : stepId === 'instance' ? (
        <InstanceStep errors={errors} />
      ) : stepId === 'start' ? (
        <ReviewStep
          footerSlot={footerSlot}
          onStarted={async (id) => {
            await invalidate(id);
            reset();
            router.push(`/tasks/${id}`);
          }}
        />
      ) : (
        <PendingStep title={WIZARD_STEPS[step]?.title ?? ''} />
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
        {step > 0 ? <button className="btn" onClick={() => go(step - 1)}>Previous</button> : null}
        {step === 0 ? (
          <button
            className="btn"
            data-testid="save-draft"
            disabled={busy}
            onClick={async () => {
              if (await saveStep()) {
                setValidatedStep(null);
                setNotice({ kind: 'success', text: `Draft saved. It is listed on the Data Migration Tasks page as Not Started.` });
              }
            }}
          >
            {save.isPending ? 'Saving…' : 'Save Draft'}
          </button>
        ) : null}
        <span ref={setFooterSlot} className="footer-slot" />
        {step < WIZARD_STEPS.length - 1 ? (
          <button
            className="btn btn-primary"
            data-testid="wizard-next"
            disabled={busy || (stepId === 'connectivity' && !connected) || (stepId === 'precheck' && !prechecked)}
            title={stepId === 'connectivity' && !connected ? 'Both connectivity checks must pass first.' : stepId === 'precheck' && !prechecked ? 'The precheck success rate must reach 100% (passed or ignored) first.' : undefined}
            onClick={next}
          >
            {busy ? 'Saving…' : `Next: ${WIZARD_STEPS[step + 1]!.title}`}
          </button>
        ) : null}
      </div>
    </div>
  );
}
