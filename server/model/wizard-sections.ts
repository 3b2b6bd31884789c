import { z } from 'zod';
import { ValidationError } from './errors';
import { taskConfigSchema, type TaskConfigInput } from './task-config';

/**
 * The parts of a task configuration each later wizard step saves (step 1 saves name, source and
 * destination through saveDraft). A section is checked with the whole-task schema — so cross-field
 * rules such as "wait time < retry time" or "full throttle needs Full Data Migration" apply — and
 * only the issues under the section's own keys are reported, like react-hook-form's
 * trigger(stepFields). Browser-safe: the wizard and the API run the same check.
 *
 *   sectionIssues('advanced', { ...task, advanced: { connectRetryMinutes: 30, otherRetryMinutes: 30 } })
 *   → [{ path: 'advanced.otherRetryMinutes', message: 'The wait time before a retry … must be less than …' }]
 */
export const WIZARD_SECTIONS = ['objects', 'advanced', 'instance'] as const;
export type WizardSection = (typeof WIZARD_SECTIONS)[number];

export const SECTION_KEYS = {
  objects: ['migrationTypes', 'conflictMode', 'dataFormat', 'partitionPolicy', 'objects'],
  advanced: ['advanced'],
  instance: ['instanceClass', 'resourceGroup'],
} as const satisfies Record<WizardSection, readonly string[]>;

/** Console metadata chosen at purchase (DTS "Resource Group"); the engine does not read it. */
export const DEFAULT_RESOURCE_GROUP = 'default resource group';
export const resourceGroupSchema = z
  .string()
  .trim()
  .min(1, 'Enter a resource group, or keep "default resource group".')
  .max(64, 'A resource group name has at most 64 characters; shorten it.')
  .default(DEFAULT_RESOURCE_GROUP);

/** A whole task as the wizard holds it: the engine's config plus console-only metadata. */
export type WizardTaskInput = TaskConfigInput & { resourceGroup?: string };

/**
 * What the API's task.create (and the CLI's `console create`) takes: the whole task in one call —
 * the JSON Preview API Call shows — checked like Buy and Start checks it, plus the Resource Group.
 */
export const createTaskInputSchema = z.intersection(taskConfigSchema, z.object({ resourceGroup: resourceGroupSchema }));
export type CreateTaskInput = z.input<typeof createTaskInputSchema>;

export interface SectionIssue {
  /** Dotted path from the task root, e.g. "objects.schemas.0.tables.2.filter". */
  path: string;
  message: string;
}

export function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function belongsTo(section: WizardSection, path: string): boolean {
  const head = path.split('.')[0];
  return (SECTION_KEYS[section] as readonly string[]).includes(head ?? '');
}

/**
 * Stand-ins for other parts of the task that are missing or invalid: zod runs the whole-task rules
 * only once every part parses, so without them "wait time < retry time" would go unchecked while,
 * say, no objects are saved yet. They are neutral for every rule that reports under a section.
 */
const NEUTRAL: Record<string, unknown> = {
  name: 'task',
  source: { host: 'neutral', database: 'NEUTRAL', user: 'neutral' },
  destination: { brokers: 'neutral:9092', topic: 'neutral' },
  objects: { schemas: [{ name: 'NEUTRAL', all: true }] },
};

function inContext(section: WizardSection, task: WizardTaskInput): Record<string, unknown> {
  const out: Record<string, unknown> = { ...task };
  for (const [k, schema] of Object.entries(taskConfigSchema.shape as Record<string, z.ZodType>)) {
    if ((SECTION_KEYS[section] as readonly string[]).includes(k)) continue;
    if (!schema.safeParse(out[k]).success) out[k] = NEUTRAL[k];
  }
  return out;
}

/** Problems with one section of `task`, checked in the context of the whole task. */
export function sectionIssues(section: WizardSection, task: WizardTaskInput): SectionIssue[] {
  const out: SectionIssue[] = [];
  const parsed = taskConfigSchema.safeParse(inContext(section, task));
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const path = issuePath(i.path);
      if (belongsTo(section, path)) out.push({ path, message: i.message });
    }
  }
  if (section === 'instance') {
    const rg = resourceGroupSchema.safeParse(task.resourceGroup);
    if (!rg.success) out.push({ path: 'resourceGroup', message: rg.error.issues[0]?.message ?? 'Invalid resource group.' });
  }
  return out;
}

/** The section's values as stored (defaults filled in), from a task that passed `sectionIssues`. */
export function pickSection(section: WizardSection, task: WizardTaskInput): Record<string, unknown> {
  const shape = taskConfigSchema.shape as Record<string, z.ZodType>;
  const input = task as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of SECTION_KEYS[section]) out[k] = k === 'resourceGroup' ? resourceGroupSchema.parse(input[k]) : shape[k]!.parse(input[k]);
  return out;
}

/** Sections whose change invalidates a precheck result (the purchase choice does not). */
export function sectionResetsPrecheck(section: WizardSection): boolean {
  return section !== 'instance';
}

/** What the API's task.saveSection takes: the section's keys; the rest of the task comes from the store. */
export const saveSectionInputSchema = z.object({
  id: z.string().min(1),
  section: z.enum(WIZARD_SECTIONS, { error: 'section must be objects, advanced or instance.' }),
  values: z.record(z.string(), z.unknown()),
});
export type SaveSectionInput = z.input<typeof saveSectionInputSchema>;

/**
 * A task (or one section of it) that does not pass its checks; every problem keeps its dotted path
 * so a form shows each beside its field and an API client can point at it.
 */
export class ConfigValidationError extends ValidationError {
  constructor(readonly issues: SectionIssue[]) {
    const first = issues[0];
    super(
      first?.path ?? '',
      issues.length === 1 ? `${first!.message}` : `${issues.length} settings need fixing. First: ${first?.message ?? ''}`,
      'Fix each setting as its message says, then save again.',
    );
  }
}
