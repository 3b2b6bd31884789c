import { z } from 'zod';

/**
 * What the topic browser asks for (one schema for the page and the API): where to start reading a
 * task's topic, and which records to show.
 *
 *   { from: 'time', time: '2026-12-06T10:00:00Z', table: 'HR.EMPLOYEES', op: 'UPDATE', key: '17', limit: 100 }
 *
 * `from: 'scn'` reads from the start and shows records committed at or after the SCN (a topic is in
 * commit order per partition, but Kafka cannot seek by SCN).
 */
export const BROWSE_OPS = ['INIT', 'INSERT', 'UPDATE', 'DELETE', 'DDL'] as const;
export const BROWSE_LIMIT_MAX = 500;

const digits = (label: string) => z.string().trim().regex(/^\d{1,20}$/, `${label} must be a whole number (decimal digits), e.g. 5012345.`);

export const recordBrowseSchema = z
  .object({
    taskId: z.string().min(1),
    from: z.enum(['start', 'offset', 'time', 'scn'], { error: 'Choose where to start: start, offset, time or scn.' }).default('start'),
    offset: digits('Offset').optional(),
    /** ISO-8601 date-time, e.g. 2026-12-06T10:00:00Z. */
    time: z.string().trim().refine((t) => !Number.isNaN(Date.parse(t)), 'Time must be a date and time, e.g. 2026-12-06T10:00:00Z.').optional(),
    scn: digits('SCN').optional(),
    table: z.string().trim().max(300).optional(),
    op: z.enum(BROWSE_OPS, { error: `Operation must be one of ${BROWSE_OPS.join(', ')}.` }).optional(),
    key: z.string().max(1000).optional(),
    xid: z.string().trim().max(64).optional(),
    limit: z.number().int().min(1).max(BROWSE_LIMIT_MAX, `At most ${BROWSE_LIMIT_MAX} records are shown at once; narrow the filter or start later.`).default(100),
  })
  .superRefine((q, ctx) => {
    if (q.from === 'offset' && !q.offset) ctx.addIssue({ code: 'custom', path: ['offset'], message: 'Enter the offset to start reading from.' });
    if (q.from === 'time' && !q.time) ctx.addIssue({ code: 'custom', path: ['time'], message: 'Enter the time to start reading from, e.g. 2026-12-06T10:00:00Z.' });
    if (q.from === 'scn' && !q.scn) ctx.addIssue({ code: 'custom', path: ['scn'], message: 'Enter the SCN to start from.' });
  });

export type RecordBrowseInput = z.input<typeof recordBrowseSchema>;
export type RecordBrowseQuery = z.output<typeof recordBrowseSchema>;

export interface BrowsedRecord {
  partition: number;
  offset: string;
  timestampMs: number;
  key: string | null;
  op: (typeof BROWSE_OPS)[number] | null;
  table: string;
  scn: string | null;
  commitScn: string | null;
  txId: string;
  seq: number;
  before: Record<string, string | null> | null;
  after: Record<string, string | null> | null;
  /** UPDATE: columns whose value the change set (after differs from before, or only after carries them). */
  changed: string[];
  ddl?: string;
  /** Set when the value could not be read as the task's format. */
  error?: string;
}

export interface BrowseResult {
  topic: string;
  records: BrowsedRecord[];
  /** Records read from the topic to find these. */
  scanned: number;
  /** Reading stopped before the end: the limit was reached, or the scan cap. */
  more: boolean;
  partitions: { partition: number; earliest: string; end: string }[];
}
