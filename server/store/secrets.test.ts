import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, isEncrypted, loadSecretKey, parseKey, secretState, SecretKeyError } from './secrets';

describe('secrets', () => {
  const key = randomBytes(32);

  it('round-trips and never stores the plain text', () => {
    const stored = encryptSecret('tiger', key);
    expect(isEncrypted(stored)).toBe(true);
    expect(stored).not.toContain('tiger');
    expect(decryptSecret(stored, key)).toBe('tiger');
  });

  it('uses a fresh IV each time', () => {
    expect(encryptSecret('same', key)).not.toBe(encryptSecret('same', key));
  });

  it('rejects a wrong key with a hint', () => {
    const stored = encryptSecret('tiger', key);
    let err: unknown;
    try {
      decryptSecret(stored, randomBytes(32));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SecretKeyError);
    expect((err as SecretKeyError).hint).toMatch(/ORA2KAFKA_SECRET_KEY/);
  });

  it('detects tampering', () => {
    const stored = encryptSecret('tiger', key);
    const parts = stored.split(':');
    const ct = Buffer.from(parts[4], 'base64url');
    ct[0] ^= 1;
    parts[4] = ct.toString('base64url');
    expect(() => decryptSecret(parts.join(':'), key)).toThrow(SecretKeyError);
  });

  it('parses hex and base64 keys and rejects short ones', () => {
    expect(parseKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseKey(key.toString('base64')).equals(key)).toBe(true);
    expect(() => parseKey('abc')).toThrow(/32 bytes/);
  });

  it('generates a key file once with 0600 permissions', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'o2k-key-'));
    const a = loadSecretKey({}, dir);
    const b = loadSecretKey({}, dir);
    expect(a.equals(b)).toBe(true);
    const file = path.join(dir, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(a.toString('hex'));
  });

  it('prefers the environment key', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'o2k-key-'));
    expect(loadSecretKey({ ORA2KAFKA_SECRET_KEY: key.toString('hex') }, dir).equals(key)).toBe(true);
  });

  it('reports state, not value', () => {
    expect(secretState('enc:v1:x')).toBe('set');
    expect(secretState('')).toBe('not set');
    expect(secretState(null)).toBe('not set');
  });
});
