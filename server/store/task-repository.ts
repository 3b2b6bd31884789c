import { randomUUID } from 'node:crypto';
import { Ora2KafkaError } from '../model/errors';
import type { SourceDestinationStep } from '../model/task-draft';
import { TASK_STATUSES, type TaskStatus } from '../model/task-status';
import { getDb } from './db';
import { decryptSecret, encryptSecret, loadSecretKey, secretState } from './secrets';

/**
 * Tasks as stored: the configuration is JSON with every password replaced by its ciphertext.
 * Views handed to the API replace ciphertexts with "set"/"not set"; plain passwords come out only
 * through `loadTaskSecrets`, for connectors.
 */

export class NotFoundError extends Ora2KafkaError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} was not found. It may have been deleted.`, { hint: 'Refresh the task list.' });
  }
}

type StoredConfig = SourceDestinationStep & Record<string, unknown>;

export interface TaskSummary {
  id: string;
  name: string;
  status: TaskStatus;
  createdAt: Date;
  updatedAt: Date;
  source: string;
  destination: string;
}

function toStatus(s: string): TaskStatus {
  return (TASK_STATUSES as readonly string[]).includes(s) ? (s as TaskStatus) : 'NotStarted';
}

function encryptPasswords(next: SourceDestinationStep, previous: StoredConfig | null): StoredConfig {
  const key = loadSecretKey();
  // An empty password on update means "unchanged": keep the stored ciphertext.
  const keep = (plain: string, old: string | undefined) => (plain ? encryptSecret(plain, key) : (old ?? ''));
  return {
    ...(previous ?? {}),
    ...next,
    source: { ...next.source, password: keep(next.source.password, previous?.source.password) },
    destination: { ...next.destination, password: keep(next.destination.password, previous?.destination.password) },
  };
}

export function viewConfig(config: StoredConfig) {
  return {
    ...config,
    source: { ...config.source, password: secretState(config.source.password) },
    destination: { ...config.destination, password: secretState(config.destination.password) },
  };
}

export async function saveDraft(input: SourceDestinationStep & { id?: string }) {
  const db = await getDb();
  const { id, ...step } = input;
  if (id) {
    const row = await db.task.findUnique({ where: { id } });
    if (!row) throw new NotFoundError(`Task ${id}`);
    if (row.status !== 'NotStarted' && row.status !== 'PrecheckFailed' && row.status !== 'PrecheckPassed') {
      throw new Ora2KafkaError('CONFLICT', `Task "${row.name}" is ${row.status} and its settings can no longer be edited.`, {
        hint: 'Create a new task to migrate with different settings.',
      });
    }
    const config = encryptPasswords(step, JSON.parse(row.config) as StoredConfig);
    const saved = await db.task.update({ where: { id }, data: { name: step.name, config: JSON.stringify(config), status: 'NotStarted' } });
    return { id: saved.id };
  }
  const config = encryptPasswords(step, null);
  const saved = await db.task.create({ data: { id: `o2k-${randomUUID().slice(0, 13)}`, name: step.name, config: JSON.stringify(config) } });
  return { id: saved.id };
}

export async function listTasks(): Promise<TaskSummary[]> {
  const db = await getDb();
  const rows = await db.task.findMany({ orderBy: { createdAt: 'desc' } });
  return rows.map((r) => {
    const c = JSON.parse(r.config) as StoredConfig;
    return {
      id: r.id,
      name: r.name,
      status: toStatus(r.status),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      source: `${c.source.host}:${c.source.port}/${c.source.database}`,
      destination: `${c.destination.topic} @ ${c.destination.brokers.join(',')}`,
    };
  });
}

export async function getTask(id: string) {
  const db = await getDb();
  const r = await db.task.findUnique({ where: { id } });
  if (!r) throw new NotFoundError(`Task ${id}`);
  return { id: r.id, name: r.name, status: toStatus(r.status), createdAt: r.createdAt, updatedAt: r.updatedAt, config: viewConfig(JSON.parse(r.config) as StoredConfig) };
}

export async function deleteTask(id: string) {
  const db = await getDb();
  const r = await db.task.findUnique({ where: { id } });
  if (!r) throw new NotFoundError(`Task ${id}`);
  if (r.status === 'Migrating' || r.status === 'Retrying' || r.status === 'Prechecking') {
    throw new Ora2KafkaError('CONFLICT', `Task "${r.name}" is ${r.status}; pause or release it before deleting.`, { hint: 'Use Release first.' });
  }
  await db.task.delete({ where: { id } });
}

/** The stored configuration with plain passwords, for connectors only — never for the API. */
export async function loadTaskForConnectors(id: string): Promise<StoredConfig> {
  const db = await getDb();
  const r = await db.task.findUnique({ where: { id } });
  if (!r) throw new NotFoundError(`Task ${id}`);
  const c = JSON.parse(r.config) as StoredConfig;
  const key = loadSecretKey();
  const plain = (stored: string) => (stored ? decryptSecret(stored, key) : '');
  return { ...c, source: { ...c.source, password: plain(c.source.password) }, destination: { ...c.destination, password: plain(c.destination.password) } };
}

export async function loadTaskSecrets(id: string): Promise<{ sourcePassword: string; destinationPassword: string }> {
  const c = await loadTaskForConnectors(id);
  return { sourcePassword: c.source.password, destinationPassword: c.destination.password };
}
