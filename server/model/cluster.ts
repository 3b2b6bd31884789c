import { z } from 'zod';
import { INSTANCE_CAPS, type InstanceClass } from './task-instance-class';

/**
 * Where a task runs: DTS's "Select the dedicated cluster used to schedule the task". A cluster is a
 * set of workers (`ora2kafka worker --cluster NAME`) that share one Kafka group; tasks name theirs
 * in Advanced Settings, `default` unless chosen.
 *
 *   clusterNameSchema.parse(' Reporting ')  → 'reporting'
 *   taskWeight('large')                       → 15
 */
export const DEFAULT_CLUSTER = 'default';

const CLUSTER_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export const clusterNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .default(DEFAULT_CLUSTER)
  .transform((s) => (s === '' ? DEFAULT_CLUSTER : s))
  .refine((s) => CLUSTER_NAME.test(s), {
    message: 'A cluster name has 1–63 characters: lower-case letters, digits, "-" and "_", starting with a letter or digit (e.g. "default" or "reporting"); leave it empty for "default".',
  });

/**
 * A task's share of a worker when the cluster balances tasks: its instance class's record cap in
 * tens of thousands of records per second (small 2, medium 5, large 15, xlarge 40), so one xlarge
 * task weighs as much as eight medium ones.
 */
export function taskWeight(instanceClass: string): number {
  const caps = INSTANCE_CAPS[instanceClass as InstanceClass] ?? INSTANCE_CAPS.medium;
  return Math.max(1, Math.round(caps.rps / 10_000));
}

/** The Kafka group the workers of a cluster join: "ora2kafka-cluster-default". */
export function clusterGroupId(cluster: string): string {
  return `ora2kafka-cluster-${cluster}`;
}
