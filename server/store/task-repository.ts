import { randomUUID } from 'node:crypto';
import { Ora2KafkaError } from '../model/errors';
import type { TaskConfig } from '../model/task-config';
import type { SourceDestinationStep } from '../model/task-draft';
import { canTransition, EDITABLE_STATUSES, TASK_STATUS_LABEL, TASK_STATUSES, type TaskStatus } from '../model/task-status';
import { getDb } from './db';
import { decryptSecret, encryptSecret, loadSecretKey, secretState } from './secrets';
import { decryptMonitoring, encryptMonitoring, viewMonitoring } from './monitoring-secrets';

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
  /** Cluster mode: the worker running the task now (null: none, or the single-process console). */
  workerId: string | null;
  /** Advanced Settings' Environment Tag ('' when none). */
  environmentTag: string;
  /** The newest incremental latency sample, when the task has one. */
  latency: { ms: number; at: Date } | null;
}

/** Ciphertexts a draft takes over from a saved instance for passwords left blank. */
export interface InheritedSecrets {
  source?: { password?: string; walletPassword?: string };
  destination?: { password?: string };
}

function toStatus(s: string): TaskStatus {
  return (TASK_STATUSES as readonly string[]).includes(s) ? (s as TaskStatus) : 'NotStarted';
}

function encryptPasswords(next: SourceDestinationStep, previous: StoredConfig | null, inherited: InheritedSecrets = {}): StoredConfig {
  const key = loadSecretKey();
  // An empty password means "unchanged": keep the saved instance's or the stored ciphertext.
  const keep = (plain: string, from: string | undefined, old: string | undefined) => (plain ? encryptSecret(plain, key) : (from || old || ''));
  return {
    ...(previous ?? {}),
    ...next,
    source: {
      ...next.source,
      password: keep(next.source.password, inherited.source?.password, previous?.source.password),
      walletPassword: keep(next.source.walletPassword ?? '', inherited.source?.walletPassword, previous?.source.walletPassword),
    },
    destination: { ...next.destination, password: keep(next.destination.password, inherited.destination?.password, previous?.destination.password) },
  };
}

export function viewConfig(config: StoredConfig) {
  return {
    ...config,
    source: { ...config.source, password: secretState(config.source.password), walletPassword: secretState(config.source.walletPassword) },
    destination: { ...config.destination, password: secretState(config.destination.password) },
    ...(config.monitoring ? { monitoring: viewMonitoring(config.monitoring as never) } : {}),
  };
}

/** Settings can change only before the task runs; a change after a precheck means prechecking again. */
function assertEditable(row: { name: string; status: string }): void {
  if (!(EDITABLE_STATUSES as readonly string[]).includes(row.status)) {
    throw new Ora2KafkaError('CONFLICT', `Task "${row.name}" is ${row.status} and its settings can no longer be edited.`, {
      hint: 'Settings are edited before a task starts (Not Started, Precheck Failed or Precheck Passed), as in DTS. A migrating or paused task changes its objects with Modify Objects on its dashboard; for other settings, create a new task.',
    });
  }
}

export async function saveDraft(input: SourceDestinationStep & { id?: string }, inherited: InheritedSecrets = {}) {
  const db = await getDb();
  const { id, ...fields } = input;
  const step: SourceDestinationStep = { name: fields.name, source: fields.source, destination: fields.destination };
  if (id) {
    const row = await db.task.findUnique({ where: { id } });
    if (!row) throw new NotFoundError(`Task ${id}`);
    assertEditable(row);
    const config = encryptPasswords(step, JSON.parse(row.config) as StoredConfig, inherited);
    const saved = await db.task.update({ where: { id }, data: { name: step.name, config: JSON.stringify(config), status: 'NotStarted' } });
    return { id: saved.id };
  }
  const config = encryptPasswords(step, null, inherited);
  const saved = await db.task.create({ data: { id: newTaskId(), name: step.name, config: JSON.stringify(config) } });
  return { id: saved.id };
}

function newTaskId(): string {
  return `o2k-${randomUUID().slice(0, 13)}`;
}

/** A whole task at once (the API's task.create): Not Started, to be prechecked and started like a wizard draft. */
export async function createTask(config: TaskConfig & { resourceGroup: string }) {
  const db = await getDb();
  // Snapshot requests come from Modify Objects / Re-read on a running task; a new task has none.
  const { name, source, destination, snapshots: _requests, ...sections } = config;
  const stored = { ...encryptPasswords({ name, source, destination }, null), ...sections };
  const saved = await db.task.create({ data: { id: newTaskId(), name, config: JSON.stringify(stored), instanceClass: config.instanceClass } });
  return { id: saved.id, status: toStatus(saved.status) };
}

export async function listTasks(): Promise<TaskSummary[]> {
  const db = await getDb();
  const rows = await db.task.findMany({ orderBy: { createdAt: 'desc' } });
  const latest = await db.metricSample.findMany({ where: { phase: 'incremental', latencyMs: { not: null } }, orderBy: { time: 'desc' }, distinct: ['taskId'], select: { taskId: true, latencyMs: true, time: true } });
  const latency = new Map(latest.map((m) => [m.taskId, { ms: m.latencyMs!, at: m.time }]));
  return rows.map((r) => {
    const c = JSON.parse(r.config) as StoredConfig & { advanced?: { environmentTag?: unknown } };
    return {
      id: r.id,
      name: r.name,
      status: toStatus(r.status),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      source: `${c.source.host}:${c.source.port}/${c.source.database}`,
      destination: `${c.destination.topic} @ ${c.destination.brokers.join(',')}`,
      workerId: r.workerId,
      environmentTag: typeof c.advanced?.environmentTag === 'string' ? c.advanced.environmentTag : '',
      latency: latency.get(r.id) ?? null,
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
  return {
    ...c,
    source: { ...c.source, password: plain(c.source.password), walletPassword: plain(c.source.walletPassword ?? '') },
    destination: { ...c.destination, password: plain(c.destination.password) },
    ...(c.monitoring ? { monitoring: decryptMonitoring(c.monitoring as never) } : {}),
  };
}

export async function loadTaskSecrets(id: string): Promise<{ sourcePassword: string; destinationPassword: string }> {
  const c = await loadTaskForConnectors(id);
  return { sourcePassword: c.source.password, destinationPassword: c.destination.password };
}

// ── later wizard sections, status moves, task log ──────────────────────────────────────────────

/** Keys only step 1 (saveDraft) writes: a section can never replace the connection or its secrets. */
const STEP1_KEYS = new Set(['name', 'source', 'destination']);

/**
 * Merges one wizard section (already validated by the caller) into the stored configuration.
 * `resetPrecheck`: the change invalidates a precheck result, so the task is Not Started again.
 */
export async function saveSection(id: string, section: Record<string, unknown>, opts: { resetPrecheck: boolean }) {
  const db = await getDb();
  const row = await db.task.findUnique({ where: { id } });
  if (!row) throw new NotFoundError(`Task ${id}`);
  assertEditable(row);
  const patch = Object.fromEntries(Object.entries(section).filter(([k]) => !STEP1_KEYS.has(k)));
  const stored = JSON.parse(row.config) as StoredConfig;
  if ('monitoring' in patch) patch.monitoring = encryptMonitoring(patch.monitoring as never, stored.monitoring as never);
  const config = { ...stored, ...patch };
  const status = opts.resetPrecheck ? 'NotStarted' : row.status;
  await db.task.update({
    where: { id },
    data: { config: JSON.stringify(config), status, ...(typeof patch.instanceClass === 'string' ? { instanceClass: patch.instanceClass } : {}) },
  });
  return { id, status: toStatus(status) };
}

/**
 * Modify Objects on a running task: only the objects and the snapshot requests change (validated
 * and prechecked by server/services/task-modify.ts); the engine takes them up when it reloads.
 */
export async function saveRunningObjects(id: string, objects: unknown, snapshots: unknown): Promise<void> {
  const db = await getDb();
  const row = await db.task.findUnique({ where: { id } });
  if (!row) throw new NotFoundError(`Task ${id}`);
  const config = { ...(JSON.parse(row.config) as StoredConfig), objects, snapshots };
  await db.task.update({ where: { id }, data: { config: JSON.stringify(config) } });
}

export async function getTaskStatus(id: string): Promise<{ name: string; status: TaskStatus }> {
  const db = await getDb();
  const r = await db.task.findUnique({ where: { id }, select: { name: true, status: true } });
  if (!r) throw new NotFoundError(`Task ${id}`);
  return { name: r.name, status: toStatus(r.status) };
}

/**
 * Moves a task from `from` to `to` when VALID_TRANSITIONS allows it and nobody moved it meanwhile
 * (compare-and-set on the status column).
 */
export async function moveTaskStatus(id: string, from: TaskStatus, to: TaskStatus, opts: { errorMessage?: string | null } = {}): Promise<void> {
  if (!canTransition(from, to)) {
    throw new Ora2KafkaError('CONFLICT', `A task that is ${TASK_STATUS_LABEL[from]} cannot become ${TASK_STATUS_LABEL[to]}.`, {
      hint: 'Refresh the task to see its current status, then choose an action it allows.',
    });
  }
  const db = await getDb();
  const now = new Date();
  const res = await db.task.updateMany({
    where: { id, status: from },
    data: {
      status: to,
      ...(to === 'Migrating' && from === 'PrecheckPassed' ? { startedAt: now } : {}),
      ...(to === 'Finished' || to === 'Failed' ? { finishedAt: now } : {}),
      ...(to === 'Released' ? { releasedAt: now } : {}),
      ...(opts.errorMessage !== undefined ? { errorMessage: opts.errorMessage } : {}),
    },
  });
  if (res.count === 0) {
    const current = await getTaskStatus(id);
    throw new Ora2KafkaError('CONFLICT', `Task "${current.name}" is ${TASK_STATUS_LABEL[current.status]}, not ${TASK_STATUS_LABEL[from]}; it was changed meanwhile.`, {
      hint: 'Refresh the task to see its current status.',
    });
  }
}

export async function appendTaskLog(id: string, level: 'INFO' | 'WARN' | 'ERROR', message: string): Promise<void> {
  const db = await getDb();
  await db.task.update({ where: { id }, data: { logs: { create: { level, message } } } });
}

/**
 * Monitoring and Alerting settings changed on a task at any time (the task page): no precheck
 * reset, no status change; a running task picks up alert rules at its next evaluation (heartbeat
 * changes at its next start).
 */
export async function saveMonitoring(id: string, monitoring: Record<string, unknown>): Promise<void> {
  const db = await getDb();
  const row = await db.task.findUnique({ where: { id } });
  if (!row) throw new NotFoundError(`Task ${id}`);
  if (row.status === 'Released') throw new Ora2KafkaError('CONFLICT', `Task "${row.name}" is released; its alerting can no longer change.`, { hint: 'Create a new task.' });
  const stored = JSON.parse(row.config) as StoredConfig;
  const config = { ...stored, monitoring: encryptMonitoring(monitoring as never, stored.monitoring as never) };
  await db.task.update({ where: { id }, data: { config: JSON.stringify(config) } });
}
