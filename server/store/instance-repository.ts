import { randomUUID } from 'node:crypto';
import { Ora2KafkaError, ValidationError } from '../model/errors';
import type { KafkaConnection } from '../model/kafka-destination';
import type { OracleSource } from '../model/oracle-source';
import { INSTANCE_KIND_LABEL, instanceSummary, sameKafkaTarget, sameOracleTarget, type InstanceKind, type SaveInstance, type SavedInstanceView } from '../model/saved-instance';
import { getDb } from './db';
import { decryptSecret, encryptSecret, loadSecretKey, secretState } from './secrets';
import { NotFoundError } from './task-repository';

/**
 * Saved instances as stored: the settings JSON with every password replaced by its ciphertext (the
 * same AES-256-GCM encryption as a task's). Views replace ciphertexts with "set"/"not set";
 * `storedInstance` hands the ciphertexts to the task store (a draft reuses them without decrypting),
 * `instanceForConnector` the plain passwords to a connector.
 */

type Stored = { kind: 'oracle'; settings: OracleSource } | { kind: 'kafka'; settings: KafkaConnection };
type Row = { id: string; kind: string; name: string; settings: string; createdBy: string; createdAt: Date; updatedAt: Date };

function parse(row: Row): Stored {
  const settings = JSON.parse(row.settings) as unknown;
  return row.kind === 'oracle' ? { kind: 'oracle', settings: settings as OracleSource } : { kind: 'kafka', settings: settings as KafkaConnection };
}

function view(row: Row): SavedInstanceView {
  const s = parse(row);
  const base = { id: row.id, name: row.name, createdBy: row.createdBy, createdAt: row.createdAt, updatedAt: row.updatedAt, summary: instanceSummary(s) };
  if (s.kind === 'oracle') return { ...base, kind: 'oracle', settings: { ...s.settings, password: secretState(s.settings.password), walletPassword: secretState(s.settings.walletPassword) } };
  return { ...base, kind: 'kafka', settings: { ...s.settings, password: secretState(s.settings.password) } };
}

/** A blank secret keeps the stored one, but only for the same database/cluster and account. */
function keepSecret(plain: string, old: string | undefined, sameTarget: boolean, field: string, what: string): string {
  if (plain) return encryptSecret(plain, loadSecretKey());
  if (!old) return '';
  if (!sameTarget) throw new ValidationError(field, `Enter the ${what} again: the connection changed, and a stored password is only kept for the same database or cluster and account.`, 'Type the password for the new connection, then save.');
  return old;
}

function encrypt(next: SaveInstance, previous: Stored | null): string {
  if (next.kind === 'oracle') {
    const old = previous?.kind === 'oracle' ? previous.settings : null;
    const same = old !== null && sameOracleTarget(old, next.settings);
    return JSON.stringify({
      ...next.settings,
      password: keepSecret(next.settings.password, old?.password, same, 'settings.password', 'database password'),
      walletPassword: keepSecret(next.settings.walletPassword, old?.walletPassword, same, 'settings.walletPassword', 'wallet password'),
    });
  }
  const old = previous?.kind === 'kafka' ? previous.settings : null;
  const same = old !== null && sameKafkaTarget(old, next.settings);
  return JSON.stringify({ ...next.settings, password: keepSecret(next.settings.password, old?.password, same, 'settings.password', 'Kafka password') });
}

function duplicateName(kind: InstanceKind, name: string): Ora2KafkaError {
  return new Ora2KafkaError('CONFLICT', `A saved ${INSTANCE_KIND_LABEL[kind]} instance named "${name}" already exists.`, { field: 'name', hint: 'Choose another name, or edit the existing instance.' });
}

export async function listInstances(kind?: InstanceKind): Promise<SavedInstanceView[]> {
  const db = await getDb();
  const rows = await db.savedInstance.findMany({ where: kind ? { kind } : {}, orderBy: [{ kind: 'desc' }, { name: 'asc' }] });
  return rows.map(view);
}

export async function getInstance(id: string): Promise<SavedInstanceView> {
  const db = await getDb();
  const row = await db.savedInstance.findUnique({ where: { id } });
  if (!row) throw new NotFoundError(`Saved instance ${id}`);
  return view(row);
}

/** Creates (no id) or updates an instance; `by` names who created it. */
export async function saveInstance(input: SaveInstance, by: string): Promise<SavedInstanceView> {
  const db = await getDb();
  const clash = await db.savedInstance.findFirst({ where: { kind: input.kind, name: input.name, ...(input.id ? { NOT: { id: input.id } } : {}) }, select: { id: true } });
  if (clash) throw duplicateName(input.kind, input.name);
  if (input.id) {
    const row = await db.savedInstance.findUnique({ where: { id: input.id } });
    if (!row) throw new NotFoundError(`Saved instance ${input.id}`);
    if (row.kind !== input.kind) throw new ValidationError('kind', `Saved instance "${row.name}" is a ${INSTANCE_KIND_LABEL[row.kind as InstanceKind]} instance; its kind cannot change.`, 'Create a new instance of the other kind instead.');
    return view(await db.savedInstance.update({ where: { id: input.id }, data: { name: input.name, settings: encrypt(input, parse(row)) } }));
  }
  const created = await db.savedInstance.create({ data: { id: `inst-${randomUUID().slice(0, 13)}`, kind: input.kind, name: input.name, settings: encrypt(input, null), createdBy: by } });
  return view(created);
}

export async function deleteInstance(id: string): Promise<void> {
  const db = await getDb();
  const r = await db.savedInstance.deleteMany({ where: { id } });
  if (r.count === 0) throw new NotFoundError(`Saved instance ${id}`);
}

async function stored(id: string, kind: InstanceKind): Promise<{ name: string } & Stored> {
  const db = await getDb();
  const row = await db.savedInstance.findUnique({ where: { id } });
  if (!row || row.kind !== kind) throw new NotFoundError(`Saved ${INSTANCE_KIND_LABEL[kind]} instance ${id}`);
  return { name: row.name, ...parse(row) };
}

/** A saved Oracle instance with its passwords still encrypted (a draft stores the ciphertexts as they are). */
export async function storedOracleInstance(id: string): Promise<{ name: string; settings: OracleSource }> {
  const s = await stored(id, 'oracle');
  return { name: s.name, settings: s.settings as OracleSource };
}

/** A saved Kafka instance with its password still encrypted. */
export async function storedKafkaInstance(id: string): Promise<{ name: string; settings: KafkaConnection }> {
  const s = await stored(id, 'kafka');
  return { name: s.name, settings: s.settings as KafkaConnection };
}

const plain = (v: string | undefined) => (v ? decryptSecret(v, loadSecretKey()) : '');

/** A saved Kafka instance with its plain password, for connectors only — never for the API. */
export async function kafkaInstanceForConnector(id: string): Promise<{ name: string; settings: KafkaConnection }> {
  const s = await storedKafkaInstance(id);
  return { name: s.name, settings: { ...s.settings, password: plain(s.settings.password) } };
}
