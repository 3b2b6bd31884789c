/**
 * Session lifetimes and rate limits, with their environment overrides (README "Access control"):
 *
 *   ORA2KAFKA_SESSION_IDLE_MINUTES=480        a session unused this long ends
 *   ORA2KAFKA_SESSION_MAX_HOURS=24            and every session ends this long after sign-in
 *   ORA2KAFKA_SIGNIN_MAX_FAILURES=5           failed sign-ins per user name per window…
 *   ORA2KAFKA_SIGNIN_MAX_FAILURES_PER_ADDRESS=20   …and per client address
 *   ORA2KAFKA_SIGNIN_WINDOW_MINUTES=15        the window (and so the longest wait)
 *   ORA2KAFKA_CONNECTIVITY_PER_MINUTE=10      Test Connectivity calls per caller per minute
 *   ORA2KAFKA_CATALOG_PER_MINUTE=120          source catalog reads per caller per minute
 */
export interface AuthConfig {
  sessionIdleMs: number;
  sessionMaxMs: number;
  signInMaxFailuresPerUser: number;
  signInMaxFailuresPerAddress: number;
  signInWindowMs: number;
  limits: Record<'connectivity' | 'catalog', { max: number; windowMs: number }>;
}

function positive(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}="${raw}" is not a positive number; unset it for the default (${fallback}).`);
  return n;
}

export function authConfig(env: Record<string, string | undefined> = process.env): AuthConfig {
  const minute = 60_000;
  return {
    sessionIdleMs: positive(env, 'ORA2KAFKA_SESSION_IDLE_MINUTES', 480) * minute,
    sessionMaxMs: positive(env, 'ORA2KAFKA_SESSION_MAX_HOURS', 24) * 60 * minute,
    signInMaxFailuresPerUser: positive(env, 'ORA2KAFKA_SIGNIN_MAX_FAILURES', 5),
    signInMaxFailuresPerAddress: positive(env, 'ORA2KAFKA_SIGNIN_MAX_FAILURES_PER_ADDRESS', 20),
    signInWindowMs: positive(env, 'ORA2KAFKA_SIGNIN_WINDOW_MINUTES', 15) * minute,
    limits: {
      connectivity: { max: positive(env, 'ORA2KAFKA_CONNECTIVITY_PER_MINUTE', 10), windowMs: minute },
      catalog: { max: positive(env, 'ORA2KAFKA_CATALOG_PER_MINUTE', 120), windowMs: minute },
    },
  };
}
