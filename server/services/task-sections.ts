import { taskConfigSchema } from '../model/task-config';
import {
  ConfigValidationError,
  pickSection,
  SECTION_KEYS,
  sectionIssues,
  sectionResetsPrecheck,
  type SaveSectionInput,
  type WizardTaskInput,
} from '../model/wizard-sections';
import { openGateway } from '../oracle/open-gateway';
import { loadTaskForConnectors, saveSection } from '../store/task-repository';
import { catalogIssues } from './source-catalog';

/**
 * Saves one later wizard section of a draft (Configure Objects, Advanced Settings, Purchase
 * Instance). The section is checked exactly as the wizard checks it — the whole-task schema, issues
 * under the section's keys — and Configure Objects is then checked again against the source
 * catalog, which the browser cannot be trusted to know (tables dropped since, filters naming
 * columns that do not exist).
 */
export async function saveTaskSection(input: SaveSectionInput) {
  const stored = await loadTaskForConnectors(input.id);
  const candidate: WizardTaskInput = { ...(stored as WizardTaskInput) };
  const target = candidate as Record<string, unknown>;
  for (const k of SECTION_KEYS[input.section]) if (k in input.values) target[k] = input.values[k];

  const issues = sectionIssues(input.section, candidate);
  if (issues.length === 0 && input.section === 'objects') {
    const objects = taskConfigSchema.shape.objects.parse(candidate.objects);
    const gw = await openGateway(stored.source);
    try {
      issues.push(...(await catalogIssues(gw, objects)));
    } finally {
      await gw.close();
    }
  }
  if (issues.length > 0) throw new ConfigValidationError(issues);
  return saveSection(input.id, pickSection(input.section, candidate), { resetPrecheck: sectionResetsPrecheck(input.section) });
}
