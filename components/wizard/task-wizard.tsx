'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, useSyncExternalStore } from 'react';
import { StepBar } from '@/components/ui/step-bar';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import { sourceDestinationStepSchema } from '@/server/model/task-draft';
import { sectionIssues, type WizardSection } from '@/server/model/wizard-sections';
import { WIZARD_STEPS } from '@/server/model/wizard-steps';
import { issueMap } from './issue-map';
import { buildSection, buildTaskConfig, STEP_SECTION } from './model';
import { SourceDestinationStep } from './steps/01-source-destination-step';
import { ConnectivityStep } from './steps/02-connectivity-step';
import { ObjectsStep } from './steps/03-objects-step';
import { AdvancedStep } from './steps/04-advanced-step';
import { InstanceStep } from './steps/06-instance-step';
import { ReviewStep } from './steps/07-review-step';
import { PendingStep } from './steps/pending-step';
import { useEditDraft } from './use-edit-draft';
import { useWizardStore } from './wizard-store';
import './wizard.css';

const noopSubscribe = () => () => {};
type Banner = { kind: 'error' | 'success'; text: string; hint?: string | null } | null;

function plural(n: number): string {
  return n === 1 ? 'the highlighted field' : `the ${n} highlighted fields`;
}

/** The seven-step Create Task wizard; `editId` opens a saved Not Started task instead of a new one. */
export function TaskWizard({ editId }: { editId?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { step, setStep, values, draftId, setDraftId, reset } = useWizardStore();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<Banner>(null);
  const [connected, setConnected] = useState(false);
  // The draft lives in sessionStorage, which the server render cannot see: render it on the client only.
  const hydrated = useSyncExternalStore(noopSubscribe, () => true, () => false);
  const editing = useEditDraft(editId, hydrated);
  const stepId = WIZARD_STEPS[step]?.id ?? 'source-destination';

  const invalidate = async (id: string) => {
    await queryClient.invalidateQueries({ queryKey: trpc.task.list.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.task.get.queryKey({ id }) });
  };
  const save = useMutation(trpc.task.saveDraft.mutationOptions({ onSuccess: async (res) => { setDraftId(res.id); await invalidate(res.id); } }));
  const saveSection = useMutation(trpc.task.saveSection.mutationOptions({ onSuccess: (res) => invalidate(res.id) }));

  function showErrors(fieldErrors: Record<string, string>): boolean {
    setErrors(fieldErrors);
    const n = Object.keys(fieldErrors).length;
    if (n > 0) setBanner({ kind: 'error', text: `Please fix ${plural(n)}.` });
    return n === 0;
  }

  function showApiError(e: unknown): false {
    const d = describeApiError(e);
    setErrors(d.fields);
    setBanner({ kind: 'error', text: d.message, hint: d.hint });
    return false;
  }

  /** Step 1, checked in the browser with the API's own schema, then saved as the draft. */
  async function saveStep1(): Promise<boolean> {
    setBanner(null);
    const parsed = sourceDestinationStepSchema.safeParse(values);
    const fieldErrors = parsed.success ? {} : issueMap(parsed.error);
    if (!draftId && !values.source.password) fieldErrors['source.password'] ??= 'Enter the database password.';
    if (!showErrors(fieldErrors)) return false;
    try {
      await save.mutateAsync({ ...values, id: draftId ?? undefined });
      return true;
    } catch (e) {
      return showApiError(e);
    }
  }

  /** A later step: the whole-task schema over its keys in the browser, then the API (which also asks the source catalog). */
  async function saveStepSection(section: WizardSection): Promise<boolean> {
    setBanner(null);
    const issues = sectionIssues(section, buildTaskConfig(values));
    if (!showErrors(Object.fromEntries(issues.map((i) => [i.path, i.message])))) return false;
    if (!draftId) return showApiError(new Error('Save the source and destination (step 1) first.'));
    try {
      await saveSection.mutateAsync({ id: draftId, section, values: buildSection(section, values) });
      return true;
    } catch (e) {
      return showApiError(e);
    }
  }

  async function next() {
    const section = STEP_SECTION[stepId];
    const ok = stepId === 'source-destination' ? await saveStep1() : section ? await saveStepSection(section) : true;
    if (!ok) return;
    setErrors({});
    setBanner(null);
    setStep(step + 1);
  }

  function go(to: number) {
    setErrors({});
    setBanner(null);
    setStep(to);
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
      ) : stepId === 'instance' ? (
        <InstanceStep errors={errors} />
      ) : stepId === 'start' ? (
        <ReviewStep
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
              if (await saveStep1()) setBanner({ kind: 'success', text: `Draft saved. It is listed on the Data Migration Tasks page as Not Started.` });
            }}
          >
            {save.isPending ? 'Saving…' : 'Save Draft'}
          </button>
        ) : null}
        {step < WIZARD_STEPS.length - 1 ? (
          <button
            className="btn btn-primary"
            data-testid="wizard-next"
            disabled={busy || (stepId === 'connectivity' && !connected)}
            title={stepId === 'connectivity' && !connected ? 'Both connectivity checks must pass first.' : undefined}
            onClick={next}
          >
            {busy ? 'Saving…' : `Next: ${WIZARD_STEPS[step + 1]!.title}`}
          </button>
        ) : null}
      </div>
    </div>
  );
}
