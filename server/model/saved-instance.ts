import { z } from 'zod';
import { kafkaConnectionSchema, type KafkaConnection } from './kafka-destination';
import { oracleSourceSchema, type OracleSource, type OracleSourceView } from './oracle-source';

/**
 * Saved instances, DTS's "Select a DMS database instance": a named Oracle source or Kafka cluster
 * that the wizard's first step fills in. The settings are the wizard's own (oracleSourceSchema,
 * kafkaConnectionSchema); passwords are write-only, like a task's.
 *
 *   { kind: 'oracle', name: 'hr-prod', settings: { host: 'db1', port: 1521, kind: 'sid', database: 'ORCL', user: 'DTS', password: '…' } }
 *   { kind: 'kafka', name: 'events-cluster', settings: { brokers: '10.0.0.5:9092', connectionMethod: 'scram-sha-256', username: 'dts', password: '…' } }
 *
 * A stored password is used for a task, a topic list or a Test Connectivity only while the
 * connection it belongs to is unchanged (`sameOracleTarget`, `sameKafkaTarget`): pointing a saved
 * password at another host needs the password typed again.
 */
export const INSTANCE_KINDS = ['oracle', 'kafka'] as const;
export type InstanceKind = (typeof INSTANCE_KINDS)[number];
export const INSTANCE_KIND_LABEL: Record<InstanceKind, string> = { oracle: 'Oracle', kafka: 'Kafka' };

export const instanceNameSchema = z
  .string({ error: 'Enter a name for the saved instance.' })
  .trim()
  .min(1, 'Enter a name for the saved instance, e.g. hr-production.')
  .max(64, 'A saved instance name has at most 64 characters; shorten it.');

const idField = z.string().min(1).optional();

export const saveInstanceInputSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.object({ id: idField, kind: z.literal('oracle'), name: instanceNameSchema, settings: oracleSourceSchema }),
      z.object({ id: idField, kind: z.literal('kafka'), name: instanceNameSchema, settings: kafkaConnectionSchema }),
    ],
    { error: 'Choose the kind of instance: oracle or kafka.' },
  )
  // A new instance holds its password (an edit may leave it blank to keep the saved one).
  .superRefine((i, ctx) => {
    if (i.id || i.settings.password) return;
    if (i.kind === 'oracle') ctx.addIssue({ code: 'custom', path: ['settings', 'password'], message: 'Enter the database password; it is saved encrypted and never shown again.' });
    else if (i.settings.connectionMethod === 'scram-sha-256') ctx.addIssue({ code: 'custom', path: ['settings', 'password'], message: 'Enter the Kafka password for SCRAM-SHA-256; it is saved encrypted and never shown again.' });
  });
export type SaveInstanceInput = z.input<typeof saveInstanceInputSchema>;
export type SaveInstance = z.output<typeof saveInstanceInputSchema>;

export type KafkaConnectionView = Omit<KafkaConnection, 'password'> & { password: 'set' | 'not set' };

/** What the API sends back about a saved instance: never a password, only whether one is stored. */
export type SavedInstanceView =
  | { id: string; kind: 'oracle'; name: string; summary: string; settings: OracleSourceView; createdBy: string; createdAt: Date; updatedAt: Date }
  | { id: string; kind: 'kafka'; name: string; summary: string; settings: KafkaConnectionView; createdBy: string; createdAt: Date; updatedAt: Date };

/** "db1:1521/ORCL as DTS", "10.0.0.5:9092 (SCRAM-SHA-256 as dts)" — one line for lists and pickers. */
export function instanceSummary(i: { kind: 'oracle'; settings: Pick<OracleSource, 'host' | 'port' | 'database' | 'user' | 'pdb'> } | { kind: 'kafka'; settings: Pick<KafkaConnection, 'brokers' | 'connectionMethod' | 'username'> }): string {
  if (i.kind === 'oracle') {
    const s = i.settings;
    return `${s.host}:${s.port}/${s.database}${s.pdb ? ` (PDB ${s.pdb})` : ''} as ${s.user}`;
  }
  const s = i.settings;
  return `${s.brokers.join(',')}${s.connectionMethod === 'scram-sha-256' ? ` (SCRAM-SHA-256 as ${s.username})` : ''}`;
}

/** The same database and account: a stored Oracle password may be reused. */
export function sameOracleTarget(a: Pick<OracleSource, 'host' | 'port' | 'database' | 'user'>, b: Pick<OracleSource, 'host' | 'port' | 'database' | 'user'>): boolean {
  return a.host.toLowerCase() === b.host.toLowerCase() && Number(a.port) === Number(b.port) && a.database.toUpperCase() === b.database.toUpperCase() && a.user.toUpperCase() === b.user.toUpperCase();
}

/** The same brokers and account: a stored Kafka password may be reused. */
export function sameKafkaTarget(a: Pick<KafkaConnection, 'brokers' | 'connectionMethod' | 'username'>, b: Pick<KafkaConnection, 'brokers' | 'connectionMethod' | 'username'>): boolean {
  const set = (l: string[]) => [...l].map((x) => x.toLowerCase()).sort().join(',');
  return set(a.brokers) === set(b.brokers) && a.connectionMethod === b.connectionMethod && a.username === b.username;
}
