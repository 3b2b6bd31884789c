/**
 * Database and Kafka passwords at rest: AES-256-GCM with a random 96-bit IV per value.
 * Stored form:  enc:v1:<iv base64url>:<auth tag base64url>:<ciphertext base64url>
 * Key: ORA2KAFKA_SECRET_KEY (32 bytes as 64 hex digits or base64), else a key generated once into
 * <data dir>/secret.key with mode 0600. Plain text never leaves this module except to a connector.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ora2KafkaError } from '../model/errors';
import { dataDir } from './data-dir';

const PREFIX = 'enc:v1:';

export class SecretKeyError extends Ora2KafkaError {
  constructor(message: string, hint: string) {
    super('SECRET_KEY', message, { hint });
  }
}

export function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) {
    throw new SecretKeyError(
      'ORA2KAFKA_SECRET_KEY must be 32 bytes, written as 64 hex digits or base64.',
      'Generate one with: node -e "console.log(require(\'crypto\').randomBytes(32).toString(\'hex\'))"',
    );
  }
  return key;
}

/** The key in force: the environment's, else the one in the data dir (created on first use). */
export function loadSecretKey(env: Record<string, string | undefined> = process.env, dir: string = dataDir()): Buffer {
  if (env.ORA2KAFKA_SECRET_KEY) return parseKey(env.ORA2KAFKA_SECRET_KEY);
  const file = path.join(dir, 'secret.key');
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return parseKey(readFileSync(file, 'utf8'));
}

export function isEncrypted(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function encryptSecret(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + [iv, cipher.getAuthTag(), ct].map((b) => b.toString('base64url')).join(':');
}

export function decryptSecret(stored: string, key: Buffer): string {
  if (!isEncrypted(stored)) throw new SecretKeyError('A stored secret is not in the encrypted form.', 'Re-enter the password in the task settings.');
  const parts = stored.slice(PREFIX.length).split(':');
  if (parts.length !== 3) throw new SecretKeyError('A stored secret is malformed.', 'Re-enter the password in the task settings.');
  const [iv, tag, ct] = parts.map((p) => Buffer.from(p, 'base64url'));
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretKeyError(
      'A stored password cannot be decrypted with the current secret key.',
      'Start the console with the ORA2KAFKA_SECRET_KEY (or data/secret.key) it used when the task was saved, or re-enter the passwords.',
    );
  }
}

/** What the API says about a secret instead of its value. */
export function secretState(stored: string | null | undefined): 'set' | 'not set' {
  return stored ? 'set' : 'not set';
}
