import { z } from 'zod';

/**
 * The instance class chosen at purchase caps a task's throughput, as DTS migration instance classes
 * do. DTS publishes its own figures per region; these are ours, sized for one Ora2Kafka process:
 * the cap applies to each phase separately (full: rows read; incremental: change events written),
 * and a user throttle below the cap lowers it further, never raises it.
 *
 *   class    records/s   MB/s
 *   small       20,000     20
 *   medium      50,000     50
 *   large      150,000    150
 *   xlarge     400,000    400
 */
export const INSTANCE_CLASSES = ['small', 'medium', 'large', 'xlarge'] as const;
export type InstanceClass = (typeof INSTANCE_CLASSES)[number];

export interface InstanceCaps {
  rps: number;
  mbps: number;
}

export const INSTANCE_CAPS: Record<InstanceClass, InstanceCaps> = {
  small: { rps: 20_000, mbps: 20 },
  medium: { rps: 50_000, mbps: 50 },
  large: { rps: 150_000, mbps: 150 },
  xlarge: { rps: 400_000, mbps: 400 },
};

export const INSTANCE_CLASS_LABEL: Record<InstanceClass, string> = {
  small: 'small (20,000 RPS, 20 MB/s)',
  medium: 'medium (50,000 RPS, 50 MB/s)',
  large: 'large (150,000 RPS, 150 MB/s)',
  xlarge: 'xlarge (400,000 RPS, 400 MB/s)',
};

export const instanceClassSchema = z
  .enum(INSTANCE_CLASSES, { error: 'Instance Class must be small, medium, large or xlarge: choose the instance class that matches the throughput you need.' })
  .default('medium');
