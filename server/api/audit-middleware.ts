import { recordAudit, type AuditRecord } from '../auth/audit-log';
import { isOra2KafkaError } from '../model/errors';
import type { AuditOutcome } from '../model/access';
import type { TRPCContext } from './trpc';

/**
 * One audit row per mutation: who (user, token, or the name tried at sign-in), the procedure, the
 * task it touched, the client address, and the outcome. Calls refused because nobody signed in are
 * not recorded (anyone can make those, and they change nothing) — except sign-in attempts.
 * Inputs are never copied whole; only the fields below, none of which can hold a secret.
 */
const SAFE_FIELDS = ['username', 'userId', 'role', 'name', 'disabled', 'section', 'itemId', 'ignored', 'expiresInDays', 'xid'] as const;
const TASK_SCOPED = /^(task|taskMonitor|precheck|connectivity|catalog|alert)\./;
const DENIED = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED', 'CROSS_ORIGIN', 'RATE_LIMITED']);

type Result = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string; cause?: unknown } };

export async function auditMutation(opts: { ctx: TRPCContext; path: string; rawInput: unknown; result: Result }): Promise<void> {
  const entry = auditEntry(opts);
  if (!entry) return;
  try {
    await recordAudit(entry);
  } catch (e) {
    console.error(`audit: could not record ${opts.path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function auditEntry({ ctx, path, rawInput, result }: { ctx: TRPCContext; path: string; rawInput: unknown; result: Result }): AuditRecord | null {
  const input = rawInput && typeof rawInput === 'object' ? (rawInput as Record<string, unknown>) : {};
  const p = ctx.auth.principal;
  let actor: Pick<AuditRecord, 'actorKind' | 'actorName' | 'role'>;
  if (path === 'auth.signIn') {
    const tried = typeof input.username === 'string' ? input.username.trim().toLowerCase().slice(0, 64) : '';
    const signedIn = result.ok ? (result.data as { user?: { role?: string } }).user : undefined;
    actor = { actorKind: result.ok ? 'user' : 'anonymous', actorName: tried || '(no user name)', role: signedIn?.role ?? null };
  } else if (p) {
    actor = { actorKind: p.kind, actorName: p.name, role: p.role };
  } else {
    return null;
  }
  const code = result.ok ? null : isOra2KafkaError(result.error.cause) ? result.error.cause.code : result.error.code;
  const outcome: AuditOutcome = result.ok ? 'ok' : DENIED.has(code ?? '') ? 'denied' : 'failed';
  return {
    ...actor,
    procedure: path,
    taskId: TASK_SCOPED.test(path) ? taskIdOf(input, result) : null,
    clientAddress: ctx.clientAddress,
    outcome,
    detail: [safeFields(input), result.ok ? auditNote(result.data) : `${code}: ${result.error.message}`].filter(Boolean).join(' · ') || null,
  };
}

function taskIdOf(input: Record<string, unknown>, result: Result): string | null {
  const fromInput = typeof input.id === 'string' ? input.id : typeof input.taskId === 'string' ? input.taskId : null;
  if (fromInput) return fromInput.slice(0, 64);
  // task.saveDraft without an id created the task: its id is in the answer.
  const data = result.ok ? (result.data as { id?: unknown } | null) : null;
  return data && typeof data.id === 'string' ? data.id : null;
}

function safeFields(input: Record<string, unknown>): string {
  return SAFE_FIELDS.filter((k) => ['string', 'number', 'boolean'].includes(typeof input[k]))
    .map((k) => `${k}=${String(input[k]).slice(0, 64)}`)
    .join(' ');
}

/** What a mutation's answer says the audit should keep (e.g. a dropped transaction's size); never a secret. */
function auditNote(data: unknown): string {
  const note = data && typeof data === 'object' ? (data as { auditNote?: unknown }).auditNote : undefined;
  return typeof note === 'string' ? note.slice(0, 300) : '';
}
