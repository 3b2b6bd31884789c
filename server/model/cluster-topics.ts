import { z } from 'zod';
import { kafkaConnectionSchema, topicNameSchema } from './kafka-destination';

/**
 * Topics from the destination cluster, for the wizard's Topic and DDL topic pickers: the
 * connection as typed in step 1, plus where a blank password may come from — the saved draft
 * (`taskId`) or the picked saved instance (`instanceId`), each only for its own brokers and account.
 *
 *   { connection: { brokers: '10.0.0.5:9092', connectionMethod: 'scram-sha-256', username: 'dts', password: '' }, taskId: 'o2k-…' }
 *   { …, topic: { name: 'oracle-ddl', partitions: 1, replicationFactor: 3 } }   (Create Topic)
 */
export const TOPIC_LIMITS = {
  partitions: { min: 1, max: 10_000, default: 3 },
  replicationFactor: { min: 1, max: 32, default: 1 },
} as const;

function intIn(label: string, l: { min: number; max: number; default: number }) {
  const msg = `${label} must be a whole number from ${l.min} to ${l.max.toLocaleString('en-US')}; enter a value in that range.`;
  return z.coerce.number({ error: msg }).int(msg).min(l.min, msg).max(l.max, msg).default(l.default);
}

export const clusterTopicsInputSchema = z.object({
  connection: kafkaConnectionSchema,
  taskId: z.string().min(1).optional(),
  instanceId: z.string().min(1).optional(),
});
export type ClusterTopicsInput = z.output<typeof clusterTopicsInputSchema>;

export const newTopicSchema = z.object({
  name: topicNameSchema,
  partitions: intIn('Partitions', TOPIC_LIMITS.partitions),
  replicationFactor: intIn('Replication factor', TOPIC_LIMITS.replicationFactor),
});

export const createTopicInputSchema = clusterTopicsInputSchema.extend({ topic: newTopicSchema });
export type CreateTopicInput = z.output<typeof createTopicInputSchema>;
