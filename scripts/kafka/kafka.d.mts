/** Types for scripts/kafka/kafka.mjs (plain Node ESM so it runs without tsx). */

export interface BrokerState {
  /** JVM pid of the local broker; null when `external` (KAFKA_BROKERS). */
  pid: number | null;
  external: boolean;
  /** Bootstrap list for the PLAINTEXT listener, "host:port[,host:port]". */
  plaintext: string;
  /** Bootstrap list for the SASL_PLAINTEXT (SCRAM-SHA-256) listener. */
  sasl: string;
  controller?: string;
  scramMechanism: 'scram-sha-256';
  scramUser: string | null;
  scramPassword: string | null;
  /** A second SCRAM user with no ACLs (the local broker denies it every topic); null when external. */
  restrictedUser: string | null;
  restrictedPassword: string | null;
  logFile: string | null;
  dataDir: string | null;
  dir: string;
  kafkaVersion: string | null;
  startedAt: string;
}

export interface StartOptions {
  /** Folder for state, config, data and log (default <repo>/.kafka). */
  dir?: string;
  scramUser?: string;
  scramPassword?: string;
  restrictedUser?: string;
  restrictedPassword?: string;
  /** JVM max heap, e.g. '512m'. */
  heap?: string;
  timeoutMs?: number;
  /** Stop the broker when this process disappears. */
  ownerPid?: number;
  log?: (message: string) => void;
}

export const KAFKA_VERSION: string;
export const REPO_ROOT: string;
export const CACHE_DIR: string;
export const DEFAULT_DIR: string;
export class KafkaSetupError extends Error {}
export function checkJava(): number;
export function fetchKafka(opts?: { log?: (message: string) => void }): string;
export function javaCommand(
  mainClass: string,
  args: string[],
  opts?: { heap?: string; extraJvm?: string[] },
): { command: string; args: string[] };
export function freePort(): Promise<number>;
export function isAlive(pid: number | null | undefined): boolean;
export function readBrokerState(dir?: string): BrokerState | null;
export function waitForBroker(state: BrokerState, opts?: { timeoutMs?: number }): Promise<BrokerState>;
export function startBroker(opts?: StartOptions): Promise<BrokerState>;
export function stopBroker(
  dir?: string,
  opts?: { graceMs?: number; keepLog?: boolean; removeDir?: boolean },
): Promise<boolean>;
