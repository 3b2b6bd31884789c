/**
 * Preview API Call: the exact JSON the API's task.create (and the CLI's `console create`) takes for
 * a task, built from the task as the console stores it (task.get: passwords only "set" / "not set"),
 * and the two ways to send it. Secrets never appear: the shown JSON masks them, the commands read
 * them from environment variables.
 *
 *   taskRequestJson(task, 'mask')  → { "name": "hr", "source": { …, "password": "********" }, … }
 *   curlCommand(task, origin)      → curl … /api/trpc/task.create … "password": "${ORACLE_PASSWORD}" …
 *   cliCommand(task, origin)       → a task file with "password": "env:ORACLE_PASSWORD" and
 *                                    npx ora2kafka console create <file> --url <origin>
 */

/** The keys of a task as task.create takes it, in the wizard's order. */
export const REQUEST_KEYS = ['name', 'source', 'destination', 'migrationTypes', 'conflictMode', 'dataFormat', 'partitionPolicy', 'objects', 'advanced', 'instanceClass', 'resourceGroup'] as const;

export const SECRET_ENV = { source: 'ORACLE_PASSWORD', wallet: 'ORACLE_WALLET_PASSWORD', destination: 'KAFKA_PASSWORD' } as const;
type Secret = keyof typeof SECRET_ENV;

export const MASK = '********';

export interface StoredTask {
  name: string;
  config: Record<string, unknown> & {
    source: Record<string, unknown> & { password: string; walletPassword?: string };
    destination: Record<string, unknown> & { password: string };
  };
}

/** How a secret that is set is written: masked for showing, a shell variable, or the CLI's env: form. */
export type SecretForm = 'mask' | 'shell' | 'env';

function secret(which: Secret, state: string | undefined, form: SecretForm): string {
  if (state !== 'set') return '';
  if (form === 'mask') return MASK;
  // A sentinel the shell rendering turns into ${NAME} after escaping the rest.
  return form === 'shell' ? `@@${SECRET_ENV[which]}@@` : `env:${SECRET_ENV[which]}`;
}

/** The request body (without the tRPC envelope) for `task`. */
export function taskRequestJson(task: StoredTask, form: SecretForm): Record<string, unknown> {
  const c = task.config;
  const out: Record<string, unknown> = {};
  for (const k of REQUEST_KEYS) {
    if (k === 'name') out.name = task.name;
    else if (k === 'source') out.source = { ...c.source, password: secret('source', c.source.password, form), walletPassword: secret('wallet', c.source.walletPassword, form) };
    else if (k === 'destination') out.destination = { ...c.destination, password: secret('destination', c.destination.password, form) };
    else if (c[k] !== undefined) out[k] = c[k];
  }
  return out;
}

/** The environment variables a command reads, for the task's secrets that are set. */
export function secretVariables(task: StoredTask): string[] {
  const c = task.config;
  return [c.source.password === 'set' && SECRET_ENV.source, c.source.walletPassword === 'set' && SECRET_ENV.wallet, c.destination.password === 'set' && SECRET_ENV.destination].filter((v): v is (typeof SECRET_ENV)[Secret] => Boolean(v));
}

/** Text inside an unquoted here-document: backslash, $ and ` are the shell's, so escape them. */
function hereDocText(text: string): string {
  return text.replace(/[\\$`]/g, (c) => `\\${c}`);
}

/** A POSIX shell word in single quotes. */
function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The HTTP call: one POST of the tRPC envelope {"json": …} with an API token. The body is an
 * unquoted here-document so the shell puts the passwords in from the environment (write a `"` or
 * `\` in a password as \" or \\, as JSON needs).
 */
export function curlCommand(task: StoredTask, origin: string): string {
  const body = hereDocText(JSON.stringify({ json: taskRequestJson(task, 'shell') }, null, 2)).replace(/@@([A-Z_]+)@@/g, '${$1}');
  const vars = secretVariables(task);
  return [
    `# An API token (Users & API Tokens → Create token, operator or admin role)${vars.length ? ` and ${vars.join(', ')}` : ''} in the environment:`,
    `#   export ORA2KAFKA_TOKEN=o2k_…${vars.map((v) => ` ${v}=…`).join('')}`,
    `curl -sS -X POST ${quote(`${origin}/api/trpc/task.create`)} \\`,
    '  -H "Authorization: Bearer $ORA2KAFKA_TOKEN" \\',
    "  -H 'Content-Type: application/json' \\",
    '  --data-binary @- <<EOF',
    body,
    'EOF',
  ].join('\n');
}

/** A file name for the task file, from the task name. */
export function taskFileName(task: Pick<StoredTask, 'name'>): string {
  return `${task.name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[._]+/, '').slice(0, 60) || 'task'}.json`;
}

/** The CLI: the same JSON as a task file (passwords as env:NAME, which the CLI resolves) and `console create`. */
export function cliCommand(task: StoredTask, origin: string): string {
  const file = taskFileName(task);
  const vars = secretVariables(task);
  return [
    `# An API token${vars.length ? ` and ${vars.join(', ')}` : ''} in the environment:`,
    `#   export ORA2KAFKA_TOKEN=o2k_…${vars.map((v) => ` ${v}=…`).join('')}`,
    `cat > ${quote(file)} <<'EOF'`,
    JSON.stringify(taskRequestJson(task, 'env'), null, 2),
    'EOF',
    `npx ora2kafka console create ${quote(file)} --url ${quote(origin)}`,
  ].join('\n');
}
