import { z } from 'zod';

/**
 * The destination Kafka cluster as DTS asks for it: broker address(es) and port (default 9092),
 * Kafka version, Connection Method (Non-encrypted or SCRAM-SHA-256 with account and password),
 * optional TLS, Topic, Topic That Stores DDL Information (blank = the main topic), and the optional
 * Schema Registry. Shared by the wizard form, the API and the connector.
 */
const hostPort = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(:\d{1,5})?$/;
// Kafka's own rule for topic names (legal characters, at most 249).
const topicName = /^[A-Za-z0-9._-]{1,249}$/;

export const KAFKA_VERSIONS = ['4.x', '3.x', '2.x', '1.x', '0.11', '0.10'] as const;

/** How to reach and authenticate to a cluster: a destination's first half, and what a saved Kafka instance holds. */
const connectionFields = {
  /** Input: "host[:port]" entries separated by commas (or an array); output: host:port list. */
  brokers: z
    .union([z.string(), z.array(z.string())], { error: 'Enter at least one broker address, e.g. 10.0.0.5:9092.' })
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((b) => b.trim()).filter(Boolean))
    .refine((list) => list.length > 0, 'Enter at least one broker address, e.g. 10.0.0.5:9092.')
    .refine(
      (list) => list.every((b) => hostPort.test(b) && portOk(b)),
      'Brokers must be host or host:port entries separated by commas (port 1–65535), e.g. 10.0.0.5:9092,10.0.0.6:9092.',
    ),
  port: z.coerce.number({ error: 'Port must be a number.' }).int('Port must be a whole number.').min(1, 'Port must be between 1 and 65535.').max(65535, 'Port must be between 1 and 65535.').default(9092),
  kafkaVersion: z.enum(KAFKA_VERSIONS, { error: 'Choose the Kafka version of the destination cluster.' }).default('4.x'),
  connectionMethod: z.enum(['plaintext', 'scram-sha-256'], { error: 'Choose the Connection Method: Non-encrypted or SCRAM-SHA-256.' }).default('plaintext'),
  username: z.string().trim().max(255, 'The Kafka account name has at most 255 characters.').default(''),
  /** Write-only: never returned by the API; empty on update keeps the stored password. */
  password: z.string().max(1024, 'The Kafka password has at most 1,024 characters.').default(''),
  tls: z.boolean().default(false),
  /** Optional CA certificate (PEM) for TLS; empty = the system trust store. */
  caPem: z.string().max(65536, 'The CA certificate has at most 65,536 characters.').default(''),
};

/** Brokers written without a port get the Port Number. */
function withPorts<T extends { brokers: string[]; port: number }>(d: T): T {
  return { ...d, brokers: d.brokers.map((b) => (/:\d+$/.test(b) && !/^\[[^\]]*\]$/.test(b) ? b : `${b}:${d.port}`)) };
}

function scramNeedsAccount(d: { connectionMethod: string; username: string }, ctx: z.RefinementCtx): void {
  if (d.connectionMethod === 'scram-sha-256' && !d.username) {
    ctx.addIssue({ code: 'custom', path: ['username'], message: 'SCRAM-SHA-256 needs the Kafka account name.' });
  }
}

/** Kafka's own rule for a topic name, with the message the wizard, the API and topic creation share. */
export const topicNameSchema = z.string().trim().regex(topicName, 'A topic name has 1–249 characters from letters, digits, ".", "_" and "-".');

export const kafkaConnectionSchema = z.object(connectionFields).transform(withPorts).superRefine(scramNeedsAccount);

export const kafkaDestinationSchema = z
  .object({
    ...connectionFields,
    topic: topicNameSchema,
    ddlTopic: z
      .string()
      .trim()
      .default('')
      .refine((s) => s === '' || topicName.test(s), 'A DDL topic name has 1–249 characters from letters, digits, ".", "_" and "-" (or leave it blank to use the main topic).'),
    schemaRegistry: z
      .object({
        enabled: z.boolean().default(false),
        url: z.string().trim().default(''),
      })
      .default({ enabled: false, url: '' })
      .refine((r) => !r.enabled || /^https?:\/\/[^\s/]+/.test(r.url), { message: 'Enter the Schema Registry URL, e.g. http://registry:8081.', path: ['url'] }),
  })
  .transform(withPorts)
  .superRefine(scramNeedsAccount);

function portOk(entry: string): boolean {
  const m = /:(\d+)$/.exec(entry);
  if (!m || entry.startsWith('[') && !entry.includes(']:')) return true;
  const p = Number(m[1]);
  return p >= 1 && p <= 65535;
}

export type KafkaConnectionInput = z.input<typeof kafkaConnectionSchema>;
export type KafkaConnection = z.output<typeof kafkaConnectionSchema>;
export type KafkaDestinationInput = z.input<typeof kafkaDestinationSchema>;
export type KafkaDestination = z.output<typeof kafkaDestinationSchema>;

/** The topic DDL records go to: the DDL topic, or the main topic when that is blank. */
export function ddlTopicOf(d: Pick<KafkaDestination, 'topic' | 'ddlTopic'>): string {
  return d.ddlTopic || d.topic;
}
