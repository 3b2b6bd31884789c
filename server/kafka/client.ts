import { Kafka, logLevel, type KafkaConfig, type LogEntry, type RetryOptions } from 'kafkajs';
import type { KafkaDestination } from '../model/kafka-destination';

/**
 * kafkajs configuration from the destination settings. kafkajs logs to the console by default,
 * including an ERROR line for every failed request (a wrong password prints four); we route its
 * log through `onLog` instead (default: dropped) and strip anything that could carry a secret.
 */

export type KafkaLogLevel = 'error' | 'warn' | 'info' | 'debug';
export type KafkaLogSink = (level: KafkaLogLevel, message: string, extra: Record<string, unknown>) => void;

export interface ClientOptions {
  clientId?: string;
  /** TCP connect timeout per broker (kafkajs default 1000 ms is short for remote clusters). */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  retry?: RetryOptions;
  onLog?: KafkaLogSink;
  /** Lowest level passed to `onLog` (default 'warn'). */
  logLevel?: KafkaLogLevel;
}

type Connection = Pick<KafkaDestination, 'brokers' | 'connectionMethod' | 'username' | 'password' | 'tls' | 'caPem'>;

const LEVELS: Record<KafkaLogLevel, logLevel> = {
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};
const NAMES = new Map<logLevel, KafkaLogLevel>(Object.entries(LEVELS).map(([k, v]) => [v, k as KafkaLogLevel]));
const SECRET_KEY = /pass|secret|sasl|credential|token|auth/i;

/** Copy of a log entry's fields without secret-looking keys and with the password masked in text. */
export function redact(fields: Record<string, unknown>, password: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (SECRET_KEY.test(k)) continue;
    out[k] = typeof v === 'string' ? maskSecret(v, password) : v;
  }
  return out;
}

export function maskSecret(text: string, secret: string): string {
  return secret.length >= 1 ? text.split(secret).join('***') : text;
}

export function kafkaConfig(d: Connection, opts: ClientOptions = {}): KafkaConfig {
  const sink = opts.onLog;
  const minLevel = LEVELS[opts.logLevel ?? 'warn'];
  const config: KafkaConfig = {
    clientId: opts.clientId ?? 'ora2kafka',
    brokers: [...d.brokers],
    connectionTimeout: opts.connectionTimeoutMs ?? 5000,
    authenticationTimeout: 10_000,
    requestTimeout: opts.requestTimeoutMs ?? 30_000,
    retry: opts.retry ?? { retries: 5, initialRetryTime: 300, maxRetryTime: 10_000 },
    logLevel: sink ? minLevel : logLevel.NOTHING,
    logCreator: () => (entry: LogEntry) => {
      if (!sink || entry.level > minLevel) return;
      const { message, ...rest } = entry.log;
      sink(NAMES.get(entry.level) ?? 'info', maskSecret(`[${entry.namespace}] ${message}`, d.password), redact(rest, d.password));
    },
  };
  if (d.tls) config.ssl = d.caPem !== '' ? { ca: [d.caPem] } : true;
  if (d.connectionMethod === 'scram-sha-256') {
    config.sasl = { mechanism: 'scram-sha-256', username: d.username, password: d.password };
  }
  return config;
}

export function createKafka(d: Connection, opts: ClientOptions = {}): Kafka {
  return new Kafka(kafkaConfig(d, opts));
}

/** The principal name the broker will see, for error messages. */
export function principalOf(d: Pick<KafkaDestination, 'connectionMethod' | 'username'>): string {
  return d.connectionMethod === 'scram-sha-256' ? d.username : 'ANONYMOUS';
}
