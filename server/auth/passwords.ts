import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * Console passwords are stored as argon2id hashes (@node-rs/argon2's defaults: 19 MiB, 2 passes,
 * OWASP's recommended minimum), PHC strings such as
 *   $argon2id$v=19$m=19456,t=2,p=1$MLtBkPTPJzGd8YG/gewqjA$YMyFPq97SfvO3zMJqWogSGQp62elZ9Gav5H1cNpePf4
 * which carry their own salt and parameters, so stronger settings later still verify old hashes.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: 2 /* Argon2id */ });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** Spends the time of one verification, so an unknown user name answers as slowly as a known one. */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummy, password);
  return false;
}

/** A one-time password for the first admin: 20 characters from an alphabet without look-alikes. */
export function generateOneTimePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const limit = 256 - (256 % alphabet.length); // rejection sampling: no modulo bias
  let out = '';
  while (out.length < 20) {
    for (const b of randomBytes(32)) if (b < limit && out.length < 20) out += alphabet[b % alphabet.length];
  }
  return out;
}
