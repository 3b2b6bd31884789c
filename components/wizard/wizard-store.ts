'use client';

import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { defaultTaskName, type SourceDestinationStepInput } from '@/server/model/task-draft';

/**
 * Wizard drafts only (never server state): the values typed so far and the step shown, kept in
 * sessionStorage so a reload or a back-navigation does not lose them. Passwords are kept in memory
 * only — they are not persisted to the browser's storage.
 */
export interface WizardState {
  draftId: string | null;
  step: number;
  values: SourceDestinationStepInput;
  setStep(step: number): void;
  setDraftId(id: string): void;
  update(patch: (v: SourceDestinationStepInput) => SourceDestinationStepInput): void;
  reset(): void;
}

export function initialValues(): SourceDestinationStepInput {
  return {
    name: defaultTaskName(),
    source: { host: '', port: 1521, kind: 'sid', database: '', user: '', password: '' },
    destination: {
      brokers: '',
      port: 9092,
      kafkaVersion: '4.x',
      connectionMethod: 'plaintext',
      username: '',
      password: '',
      tls: false,
      caPem: '',
      topic: '',
      ddlTopic: '',
      schemaRegistry: { enabled: false, url: '' },
    },
  };
}

export const useWizardStore = create<WizardState>()(
  persist(
    (set) => ({
      draftId: null,
      step: 0,
      values: initialValues(),
      setStep: (step) => set({ step }),
      setDraftId: (draftId) => set({ draftId }),
      update: (patch) => set((s) => ({ values: patch(s.values) })),
      reset: () => set({ draftId: null, step: 0, values: initialValues() }),
    }),
    {
      name: 'ora2kafka-wizard',
      storage: createJSONStorage(() => sessionStorage),
      partialize: (s) => ({
        draftId: s.draftId,
        step: s.step,
        values: { ...s.values, source: { ...s.values.source, password: '' }, destination: { ...s.values.destination, password: '' } },
      }),
    },
  ),
);
