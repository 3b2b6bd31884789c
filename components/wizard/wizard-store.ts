'use client';

import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { initialValues, type WizardValues } from './model';

export { initialValues } from './model';

/**
 * Wizard drafts only (never server state): the values typed so far and the step shown, kept in
 * sessionStorage so a reload or a back-navigation does not lose them. Passwords are kept in memory
 * only — they are not persisted to the browser's storage (the saved draft holds them, encrypted).
 */
export interface WizardState {
  draftId: string | null;
  step: number;
  values: WizardValues;
  setStep(step: number): void;
  setDraftId(id: string): void;
  update(patch: (v: WizardValues) => WizardValues): void;
  /** Opens a saved draft for editing. */
  load(draftId: string, values: WizardValues): void;
  reset(): void;
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
      load: (draftId, values) => set({ draftId, values, step: 0 }),
      reset: () => set({ draftId: null, step: 0, values: initialValues() }),
    }),
    {
      name: 'ora2kafka-wizard',
      version: 2,
      storage: createJSONStorage(() => sessionStorage),
      partialize: (s) => ({
        draftId: s.draftId,
        step: s.step,
        values: { ...s.values, source: { ...s.values.source, password: '', walletPassword: '' }, destination: { ...s.values.destination, password: '' } },
      }),
      // Drafts stored by an older console lack the later sections: fill them with the defaults.
      migrate: (persisted) => persisted as WizardState,
      merge: (persisted, current) => {
        const p = (persisted ?? {}) as Partial<WizardState>;
        return { ...current, ...p, values: { ...current.values, ...(p.values ?? {}) } };
      },
    },
  ),
);
