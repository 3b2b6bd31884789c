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
import { etlIssues } from './etl-check';
import { catalogIssues } from './source-catalog';

/**
 * Saves one later wizard section of a draft (Configure Objects, Advanced Settings, Purchase
 * Instance). The section is checked exactly as the wizard checks it — the whole-task schema, issues
 * under the section's keys — and Configure Objects is then checked again against the source
 * catalog, which the browser cannot be trusted to know (tables dropped since, filters naming
 * columns that do not exist); the ETL script of Advanced Settings is checked against the selected
 * tables' columns when either section is saved.
 */
export async function saveTaskSection(input: SaveSectionInput) {
  const stored = await loadTaskForConnectors(input.id);
  const candidate: WizardTaskInput = { ...(stored as WizardTaskInput) };
  const target = candidate as Record<string, unknown>;
  for (const k of SECTION_KEYS[input.section]) if (k in input.values) target[k] = input.values[k];

  const issues = sectionIssues(input.section, candidate);
  // The ETL script names columns of the selected tables: checked when either side changes.
  const advanced = taskConfigSchema.shape.advanced.safeParse(candidate.advanced);
  const etl = advanced.success && advanced.data.etl.enabled ? advanced.data.etl : null;
  const parsedObjects = taskConfigSchema.shape.objects.safeParse(candidate.objects);
  if (issues.length === 0 && parsedObjects.success && (input.section === 'objects' || (input.section === 'advanced' && etl))) {
    const objects = parsedObjects.data;
    const gw = await openGateway(stored.source);
    try {
      if (input.section === 'objects') issues.push(...(await catalogIssues(gw, objects)));
      if (etl && issues.length === 0) issues.push(...(await etlIssues(gw, objects, etl)));
    } finally {
      await gw.close();
    }
  }
  if (issues.length > 0) throw new ConfigValidationError(issues);
  return saveSection(input.id, pickSection(input.section, candidate), { resetPrecheck: sectionResetsPrecheck(input.section) });
}
