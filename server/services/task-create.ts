import { ConfigValidationError, createTaskInputSchema } from '../model/wizard-sections';
import type { z } from 'zod';
import { openGateway } from '../oracle/open-gateway';
import { createTask } from '../store/task-repository';
import { etlIssues } from './etl-check';
import { catalogIssues } from './source-catalog';

/**
 * The API's task.create: a whole task in one call — what the wizard builds over seven steps and
 * Preview API Call shows. Checked as the wizard checks it (the input schema, then Configure Objects
 * against the source catalog, as task.saveSection does); the task is stored Not Started, to be
 * prechecked (precheck.start) and started (task.start) like a wizard draft.
 */
export async function createTaskFromConfig(input: z.output<typeof createTaskInputSchema>): Promise<{ id: string; status: string }> {
  const gw = await openGateway(input.source);
  try {
    const issues = await catalogIssues(gw, input.objects);
    if (issues.length === 0) issues.push(...(await etlIssues(gw, input.objects, input.advanced.etl)));
    if (issues.length > 0) throw new ConfigValidationError(issues);
  } finally {
    await gw.close();
  }
  return createTask(input);
}
