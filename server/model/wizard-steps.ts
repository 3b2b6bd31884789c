/** The seven steps of the Create Task wizard, in order (ids are URL segments). */
export const WIZARD_STEPS = [
  { id: 'source-destination', title: 'Configure Source and Destination', short: 'Source & Destination' },
  { id: 'connectivity', title: 'Test Connectivity', short: 'Connectivity' },
  { id: 'objects', title: 'Configure Objects', short: 'Objects' },
  { id: 'advanced', title: 'Advanced Settings', short: 'Advanced Settings' },
  { id: 'precheck', title: 'Precheck', short: 'Precheck' },
  { id: 'instance', title: 'Purchase Instance', short: 'Instance Class' },
  { id: 'start', title: 'Review and Start', short: 'Review and Start' },
] as const;

export type WizardStepId = (typeof WIZARD_STEPS)[number]['id'];
