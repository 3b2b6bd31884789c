import { Ora2KafkaError } from '../model/errors';
import type { Role } from '../model/access';
import { aRole, describeRoles } from './procedure-access';

/**
 * Refusals of the access layer. The API's error middleware maps their codes to HTTP statuses:
 * UNAUTHENTICATED → 401, FORBIDDEN / PASSWORD_CHANGE_REQUIRED / CROSS_ORIGIN → 403,
 * RATE_LIMITED → 429 (with Retry-After), SIGN_IN_FAILED → 401.
 */
export class AccessError extends Ora2KafkaError {
  /** Roles that would have been allowed (FORBIDDEN), for API clients and the UI. */
  readonly requiredRoles: readonly Role[] | undefined;
  /** Seconds until the caller may try again (RATE_LIMITED). */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: string, message: string, opts: { hint?: string; requiredRoles?: readonly Role[]; retryAfterSeconds?: number } = {}) {
    super(code, message, { hint: opts.hint });
    this.requiredRoles = opts.requiredRoles;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

export class UnauthenticatedError extends AccessError {
  constructor(reason = 'You are not signed in.') {
    super('UNAUTHENTICATED', reason, { hint: 'Sign in at /sign-in, or send an API token as "Authorization: Bearer <token>".' });
  }
}

export class ForbiddenError extends AccessError {
  constructor(path: string, roles: readonly Role[], role: Role) {
    super('FORBIDDEN', `${path} needs ${describeRoles(roles)}; you are signed in as ${aRole(role)}.`, {
      requiredRoles: roles,
      hint: 'Ask an admin for a role that allows this.',
    });
  }
}

export class PasswordChangeRequiredError extends AccessError {
  constructor() {
    super('PASSWORD_CHANGE_REQUIRED', 'Your password is a one-time password: change it before doing anything else.', { hint: 'Open /change-password and choose a new password.' });
  }
}

export class CrossOriginError extends AccessError {
  constructor(origin: string | null) {
    super('CROSS_ORIGIN', origin ? `Changes are accepted only from this console's own pages, not from ${origin}.` : 'Changes need an Origin header naming this console (browsers send it), or an API token.', {
      hint: 'Scripts authenticate with "Authorization: Bearer <token>" (an admin creates tokens on the Users & Tokens page).',
    });
  }
}

export class RateLimitedError extends AccessError {
  constructor(message: string, retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super('RATE_LIMITED', `${message} Try again in ${formatWait(seconds)}.`, { retryAfterSeconds: seconds });
  }
}

export class SignInFailedError extends AccessError {
  constructor() {
    super('SIGN_IN_FAILED', 'Wrong user name or password.', { hint: 'Check both and try again. An admin can reset a forgotten password.' });
  }
}

/** "14 min 5 s", "40 s". */
export function formatWait(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m === 0) return `${s} s`;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

/** Checked by shape as well as class, as isOra2KafkaError is (a bundle may hold two copies). */
export function accessDetails(e: unknown): { requiredRoles: readonly Role[] | null; retryAfterSeconds: number | null } | null {
  if (!(e instanceof Error)) return null;
  const x = e as Partial<AccessError>;
  if (x.requiredRoles === undefined && x.retryAfterSeconds === undefined) return null;
  return { requiredRoles: x.requiredRoles ?? null, retryAfterSeconds: x.retryAfterSeconds ?? null };
}
