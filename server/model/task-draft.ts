import { z } from 'zod';
import { kafkaDestinationSchema } from './kafka-destination';
import { oracleSourceSchema } from './oracle-source';

export const taskNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a task name.')
  .max(128, 'A task name has at most 128 characters.');

/**
 * What the first wizard step saves: a named task with its source and destination. Later steps add
 * their sections to the same stored configuration.
 */
export const sourceDestinationStepSchema = z.object({
  name: taskNameSchema,
  source: oracleSourceSchema,
  destination: kafkaDestinationSchema,
});

export type SourceDestinationStepInput = z.input<typeof sourceDestinationStepSchema>;
export type SourceDestinationStep = z.output<typeof sourceDestinationStepSchema>;

export const saveDraftInputSchema = sourceDestinationStepSchema.extend({
  /** Set when updating an existing draft. */
  id: z.string().min(1).optional(),
  /**
   * Saved instances picked in "Select a DMS database instance": a password left blank is taken from
   * the instance (on the server; the browser never sees it) while host, port, SID/service and
   * account still match the instance's.
   */
  sourceInstanceId: z.string().min(1).optional(),
  destinationInstanceId: z.string().min(1).optional(),
});
export type SaveDraftInput = z.input<typeof saveDraftInputSchema>;

/** Default task name, like DTS's generated one. */
export function defaultTaskName(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `oracle_to_kafka_${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}_${p(now.getHours())}${p(now.getMinutes())}`;
}
