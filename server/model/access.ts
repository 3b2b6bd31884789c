import { z } from 'zod';

/**
 * Who may use the console, as the sign-in page, the admin page, the API and the CLI all check it:
 * roles, user names, password rules, token and audit-filter inputs (one rule, one place).
 */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = { viewer: 'Viewer', operator: 'Operator', admin: 'Admin' };
export const ROLE_DESCRIPTION: Record<Role, string> = {
  viewer: 'Read-only: task list, dashboards, charts and logs.',
  operator: 'Creates, edits, prechecks, starts, pauses, resumes, releases and deletes tasks; Test Connectivity; source catalog.',
  admin: 'Everything, plus users, API tokens and the audit log.',
};

export const roleSchema = z.enum(ROLES, { error: 'Choose a role: viewer, operator or admin.' });

export const usernameSchema = z
  .string()
  .trim()
  .min(2, 'A user name has at least 2 characters.')
  .max(64, 'A user name has at most 64 characters.')
  .regex(/^[a-zA-Z0-9._-]+$/, 'A user name may contain letters, digits, ".", "_" and "-" only.');

export const PASSWORD_MIN = 10;

/** A password someone chooses (new user, reset, change). Sign-in itself accepts any string. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `A password has at least ${PASSWORD_MIN} characters.`)
  .max(256, 'A password has at most 256 characters.');

export const signInInputSchema = z.object({
  username: z.string().trim().min(1, 'Enter your user name.').max(64, 'A user name has at most 64 characters.'),
  password: z.string().min(1, 'Enter your password.').max(256, 'A password has at most 256 characters.'),
});

export const changePasswordInputSchema = z
  .object({ currentPassword: z.string().min(1, 'Enter your current password.').max(256), newPassword: newPasswordSchema })
  .refine((v) => v.currentPassword !== v.newPassword, { path: ['newPassword'], message: 'Choose a password different from the current one.' });

export const createUserInputSchema = z.object({
  username: usernameSchema,
  role: roleSchema,
  password: newPasswordSchema,
  /** The password is a temporary one the admin hands over: the user must replace it at first sign-in. */
  mustChangePassword: z.boolean().default(true),
});

export const resetPasswordInputSchema = z.object({ userId: z.string().min(1), password: newPasswordSchema, mustChangePassword: z.boolean().default(true) });

export const tokenNameSchema = z.string().trim().min(1, 'Name the token (what uses it, e.g. "nightly-ci").').max(64, 'A token name has at most 64 characters.');

export const createTokenInputSchema = z.object({
  name: tokenNameSchema,
  role: roleSchema,
  /** Days until it stops working; absent = never expires. */
  expiresInDays: z.number().int().min(1, 'Expiry is at least 1 day.').max(3650, 'Expiry is at most 3650 days (10 years).').optional(),
});

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const auditFilterSchema = z
  .object({
    actor: z.string().trim().max(64).optional(),
    taskId: z.string().trim().max(64).optional(),
    procedure: z.string().trim().max(64).optional(),
    outcome: z.enum(AUDIT_OUTCOMES).optional(),
    from: z.date().optional(),
    to: z.date().optional(),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.number().int().positive().optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'The end of the time range is before its start.' });
export type AuditFilter = z.input<typeof auditFilterSchema>;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
