import { describe, expect, it } from 'vitest';
import { kafkaConfig, maskSecret, principalOf, redact } from './client';
import { kafkaDestinationSchema } from '../model/kafka-destination';

const scram = kafkaDestinationSchema.parse({
  brokers: 'k1.internal, k2.internal:9093',
  topic: 'oracle.hr',
  connectionMethod: 'scram-sha-256',
  username: 'dts',
  password: 'p4ss!',
});

describe('kafkaConfig', () => {
  it('uses SCRAM-SHA-256 with the account, and the normalised broker list', () => {
    const c = kafkaConfig(scram);
    expect(c.brokers).toEqual(['k1.internal:9092', 'k2.internal:9093']);
    expect(c.sasl).toEqual({ mechanism: 'scram-sha-256', username: 'dts', password: 'p4ss!' });
    expect(c.ssl).toBeUndefined();
    expect(principalOf(scram)).toBe('dts');
  });

  it('plaintext has no SASL; TLS trusts the given CA or the system store', () => {
    const plain = kafkaDestinationSchema.parse({ brokers: '127.0.0.1:9092', topic: 't' });
    expect(kafkaConfig(plain).sasl).toBeUndefined();
    expect(principalOf(plain)).toBe('ANONYMOUS');
    expect(kafkaConfig({ ...plain, tls: true }).ssl).toBe(true);
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(kafkaConfig({ ...plain, tls: true, caPem: pem }).ssl).toEqual({ ca: [pem] });
  });

  it('routes kafkajs logs to the sink without the password, and drops them without a sink', () => {
    const seen: { level: string; message: string; extra: Record<string, unknown> }[] = [];
    const c = kafkaConfig(scram, { onLog: (level, message, extra) => seen.push({ level, message, extra }), logLevel: 'info' });
    const log = c.logCreator!(0)!;
    log({ namespace: 'Connection', level: 1, label: 'ERROR', log: { message: 'auth failed for p4ss!', timestamp: 'x', sasl: { password: 'p4ss!' }, broker: 'k1:9092' } });
    log({ namespace: 'Connection', level: 5, label: 'DEBUG', log: { message: 'debug noise', timestamp: 'x' } });
    expect(seen).toEqual([{ level: 'error', message: '[Connection] auth failed for ***', extra: { timestamp: 'x', broker: 'k1:9092' } }]);
    expect(JSON.stringify(seen)).not.toContain('p4ss!');
  });
});

describe('redaction helpers', () => {
  it('drops secret-looking keys and masks the password inside strings', () => {
    expect(redact({ password: 'x', saslMechanism: 'y', authToken: 'z', error: 'bad x', retry: 2 }, 'x')).toEqual({ error: 'bad ***', retry: 2 });
    expect(maskSecret('no secret here', '')).toBe('no secret here');
  });
});
