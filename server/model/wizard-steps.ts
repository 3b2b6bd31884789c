/** The seven steps of the Create Task wizard, in order (ids are URL segments). */
export const WIZARD_STEPS = [
  { id: 'source-destination', title: 'Configure Source and Destination' },
  { id: 'connectivity', title: 'Test Connectivity' },
  { id: 'objects', title: 'Configure Objects' },
  { id: 'advanced', title: 'Advanced Settings' },
  { id: 'precheck', title: 'Precheck' },
  { id: 'instance', title: 'Purchase Instance' },
  { id: 'start', title: 'Review and Start' },
] as const;

export type WizardStepId = (typeof WIZARD_STEPS)[number]['id'];
