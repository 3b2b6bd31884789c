import { newPasswordSchema } from '../model/access';
import { generateOneTimePassword } from './passwords';
import { countUsers, createUser } from './users';

/**
 * The first start of a console with no users creates the user `admin`:
 *  - with ORA2KAFKA_ADMIN_PASSWORD set, with that password (the operator chose it; no forced change);
 *  - otherwise with a generated one-time password, printed once here to the server log, which must
 *    be changed at first sign-in.
 * Later starts do nothing (the variable is ignored once a user exists).
 */
export async function ensureFirstAdmin(env: Record<string, string | undefined> = process.env, log: (line: string) => void = console.log): Promise<'created-from-env' | 'created-one-time' | 'exists'> {
  if ((await countUsers()) > 0) return 'exists';
  const chosen = env.ORA2KAFKA_ADMIN_PASSWORD;
  if (chosen) {
    const ok = newPasswordSchema.safeParse(chosen);
    if (!ok.success) throw new Error(`ORA2KAFKA_ADMIN_PASSWORD: ${ok.error.issues[0]!.message}`);
    await createUser({ username: 'admin', role: 'admin', password: chosen, mustChangePassword: false });
    log('auth: created user "admin" with the password from ORA2KAFKA_ADMIN_PASSWORD');
    return 'created-from-env';
  }
  const oneTime = generateOneTimePassword();
  await createUser({ username: 'admin', role: 'admin', password: oneTime, mustChangePassword: true });
  const rule = '─'.repeat(72);
  // The one place a console password is ever printed: there is no other way to hand it over.
  log([rule, 'First start: created user "admin" with this one-time password (shown only now):', '', `    ${oneTime}`, '', 'Sign in with it; you will be asked to choose a new password.', rule].join('\n'));
  return 'created-one-time';
}

/** At console start-up: a console nobody can sign in to is no use, so a failure stops the process with the reason. */
export async function ensureFirstAdminOrExit(): Promise<void> {
  try {
    await ensureFirstAdmin();
  } catch (e) {
    console.error(`auth: cannot create the first admin: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
