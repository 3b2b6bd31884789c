import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { formatConfigIssues, taskConfigSchema, type TaskConfig } from '../model/task-config';

/**
 * The task file the CLI takes: the same JSON the console's API accepts (taskConfigSchema), e.g.
 *
 *   { "name": "hr_to_kafka",
 *     "source": { "host": "db1.example.com", "database": "ORCL", "user": "DTS", "password": "env:ORACLE_PASSWORD" },
 *     "destination": { "brokers": "10.0.0.5:9092", "topic": "oracle.hr" },
 *     "objects": { "schemas": [{ "name": "HR", "all": true }] } }
 *
 * A password written as "env:NAME" is read from the environment variable NAME, so task files can
 * live in version control without secrets.
 */
export class TaskFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: string[],
  ) {
    super(`${file} is not a valid task:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
  }
}

export function readTaskFile(file: string, env: Record<string, string | undefined> = process.env): TaskConfig {
  const parsed = taskConfigSchema.safeParse(readTaskFileRaw(file, env));
  if (!parsed.success) throw new TaskFileError(file, formatConfigIssues(parsed.error));
  return parsed.data;
}

/** The file's JSON with "env:NAME" passwords resolved, not yet validated (`console create` leaves that to the console). */
export function readTaskFileRaw(file: string, env: Record<string, string | undefined> = process.env): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new TaskFileError(file, [`cannot read it as JSON: ${(e as Error).message}`]);
  }
  const issues: string[] = [];
  const resolved = resolveSecrets(raw, env, issues);
  if (issues.length > 0) throw new TaskFileError(file, issues);
  return resolved;
}

function resolveSecrets(raw: unknown, env: Record<string, string | undefined>, issues: string[]): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const copy = structuredClone(raw) as Record<string, Record<string, unknown> | undefined>;
  for (const [part, key] of [['source', 'password'], ['source', 'walletPassword'], ['destination', 'password']] as const) {
    const p = copy[part]?.[key];
    if (typeof p === 'string' && p.startsWith('env:')) {
      const name = p.slice(4);
      const value = env[name];
      if (value === undefined) issues.push(`${part}.${key}: environment variable ${name} is not set; export it or write the password in the file.`);
      else copy[part]![key] = value;
    }
  }
  return copy;
}

/**
 * The id the CLI runs a task under: given, or derived from the task name and its source and
 * destination, so running the same file again resumes the same task (its Kafka checkpoint).
 */
export function cliTaskId(config: TaskConfig, given?: string): string {
  if (given) return given;
  const h = createHash('sha256').update(`${config.name}\u0000${config.source.host}/${config.source.database}\u0000${config.destination.brokers.join(',')}/${config.destination.topic}`).digest('hex');
  return `cli-${config.name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}-${h.slice(0, 8)}`;
}
