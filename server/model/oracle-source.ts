import { z } from 'zod';

/**
 * The source database as DTS asks for it (Step 2 of the DTS page): host, port 1521, Oracle Type
 * (Non-RAC → SID, RAC or PDB → service name), account and password — plus what DTS leaves out:
 * the PDB to read when connecting to a multitenant database's root, and the transport encryption.
 * One rule set, used by the wizard form and the API alike.
 *
 *   { host: 'db1', kind: 'service', database: 'ORCLCDB', user: 'C##DTS', pdb: 'ORCLPDB1',
 *     encryption: 'tls', port: 2484, walletLocation: '/etc/ora2kafka/wallet' }
 */
const hostPattern = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$|^\[?[0-9A-Fa-f:.]+\]?$/;
const oracleName = /^[A-Za-z][A-Za-z0-9_$#.]{0,127}$/;

/** host:port of one RAC instance (host name, IPv4, or [IPv6]). */
const RAC_NODE = /^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/;

export const oracleSourceSchema = z.object({
  host: z
    .string()
    .trim()
    .min(1, 'Enter the Oracle host name or IP address.')
    .regex(hostPattern, 'Host must be a host name or an IP address, without a scheme or port (e.g. db1.example.com).'),
  port: z.coerce
    .number({ error: 'Port must be a number.' })
    .int('Port must be a whole number.')
    .min(1, 'Port must be between 1 and 65535.')
    .max(65535, 'Port must be between 1 and 65535.')
    .default(1521),
  kind: z.enum(['sid', 'service'], { error: 'Choose the Oracle type: Non-RAC instance (SID) or RAC/PDB instance (service name).' }).default('sid'),
  database: z
    .string()
    .trim()
    .min(1, 'Enter the SID (Non-RAC) or the service name (RAC or PDB).')
    .regex(oracleName, 'A SID or service name starts with a letter and holds letters, digits, _ $ # or dots.'),
  user: z.string().trim().min(1, 'Enter the database account.').max(128, 'An Oracle account name has at most 128 bytes.'),
  /** Write-only: the API never returns it; empty on update means "keep the stored password". */
  password: z.string().max(1024, 'Password is too long.').default(''),
  /**
   * Multitenant: the PDB holding the tables, when connecting to the CDB root's service with a
   * common user (C##…). Blank for a non-CDB, or when connecting to the PDB's own service (19c+).
   */
  pdb: z
    .string()
    .trim()
    .regex(/^([A-Za-z][A-Za-z0-9_$#]{0,127})?$/, 'A PDB name starts with a letter and holds letters, digits, _ $ or # (SELECT NAME FROM V$PDBS in the root).')
    .default(''),
  /** Transport encryption: TLS over a TCPS listener. Oracle native network encryption cannot be used (thin driver). */
  encryption: z.enum(['none', 'tls'], { error: 'Choose the encryption: none (TCP) or tls (TCPS).' }).default('none'),
  /** TLS: folder on the Ora2Kafka host holding ewallet.pem. Blank: trust the host's CA store (and NODE_EXTRA_CA_CERTS). */
  walletLocation: z.string().trim().max(1024, 'The wallet folder path is too long.').default(''),
  /** Write-only like `password`: opens an encrypted key in ewallet.pem. */
  walletPassword: z.string().max(1024, 'The wallet password is too long.').default(''),
  /** TLS: check that the server certificate matches the host name (or Server Certificate DN). */
  serverDnMatch: z.boolean().default(true),
  /** TLS: the full DN the server certificate must carry (optional). */
  serverCertDn: z.string().trim().max(1024, 'The certificate DN is too long.').default(''),
  /**
   * RAC: every instance's address, "host:port" (same service), so each instance's log writer can
   * be made to write before a mining window. Entered one per line or comma-separated.
   */
  racNodes: z
    .preprocess(
      (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v),
      z
        .array(z.string().trim())
        .max(32, 'At most 32 RAC instances.')
        // One message on the field itself (not on entry n), naming the entry that is wrong.
        .superRefine((nodes, ctx) => {
          const bad = nodes.find((n) => !RAC_NODE.test(n));
          if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `"${bad.slice(0, 60)}" is not an address. Each RAC instance address is host:port, e.g. rac-node1.example.com:1521.` });
        }),
    )
    .default([]),
});

export type OracleSourceInput = z.input<typeof oracleSourceSchema>;
export type OracleSource = z.output<typeof oracleSourceSchema>;

/** What the API sends back: everything but the secrets, which become "set" / "not set". */
export type OracleSourceView = Omit<OracleSource, 'password' | 'walletPassword'> & { password: 'set' | 'not set'; walletPassword: 'set' | 'not set' };
