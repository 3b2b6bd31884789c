import { z } from 'zod';
import { ORACLE_TYPES } from './oracle-types';

/**
 * Step 4 of the DTS wizard, "Source Objects / Selected Objects": which schemas and tables migrate,
 * the names they get in Kafka (single renames and batch rules), a WHERE filter per table and the
 * SQL operations migrated incrementally per object.
 *
 *   { schemas: [{ name: 'HR', mappedName: 'HR_PROD', all: false, operations: ['INSERT','UPDATE','DELETE','DDL'],
 *                 tables: [{ name: 'EMPLOYEES', mappedName: 'EMP', filter: 'DEPARTMENT_ID IN (10, 20)',
 *                            columns: [{ name: 'SALARY', mappedName: 'PAY' }], operations: ['INSERT','UPDATE'] }] }],
 *     batchRules: [{ target: 'table', match: 'TMP_*', case: 'lower', prefix: 'x_', suffix: '' }] }
 *
 * `all: true` selects the whole schema, including tables created later; `tables` then only carry
 * per-table settings. Name resolution (explicit rename, else batch rules in order) is in
 * task-mapping.ts; conflicts are checked in task-config.ts.
 */

export const OPERATIONS = ['INSERT', 'UPDATE', 'DELETE', 'DDL'] as const;
export type MigratedOperation = (typeof OPERATIONS)[number];

/** DTS: a task that renames tables or columns of individually selected tables holds at most 1,000 tables. */
export const MAX_TABLES_WITH_RENAMING = 1000;

const NAME_MAX = 128;

function objectName(field: string) {
  return z
    .string({ error: `Enter the ${field}.` })
    .trim()
    .min(1, `The ${field} is empty; enter the Oracle object name.`)
    .max(NAME_MAX, `An Oracle ${field} has at most ${NAME_MAX} characters; shorten it.`)
    .refine((s) => !/["\u0000]/.test(s), `A ${field} cannot contain a double quote or a NUL character; remove it.`);
}

/** '' = keep the source name. */
function mappedName(field: string) {
  return z
    .string()
    .trim()
    .max(NAME_MAX, `A mapped ${field} has at most ${NAME_MAX} characters; shorten it.`)
    .refine((s) => !/["\u0000]/.test(s), `A mapped ${field} cannot contain a double quote or a NUL character; remove it.`)
    .default('');
}

function operations(field: string) {
  return z
    .array(z.enum(OPERATIONS, { error: `Operations of a ${field} are INSERT, UPDATE, DELETE and DDL.` }))
    .min(1, `Choose at least one operation to migrate for this ${field}, or remove it from Selected Objects.`)
    .transform((ops) => OPERATIONS.filter((o) => ops.includes(o)));
}

export const columnSelectionSchema = z.object({
  name: objectName('column name'),
  mappedName: mappedName('column name'),
  /** Oracle type from the catalog; when every column of a table has one, its filter is fully checked here. */
  type: z.enum(ORACLE_TYPES).optional(),
  nullable: z.boolean().optional(),
});

export const tableSelectionSchema = z.object({
  name: objectName('table name'),
  mappedName: mappedName('table name'),
  /**
   * Columns as the catalog lists them (the wizard fills this in), with optional renames. When
   * present, the filter is checked against them; empty = not known yet (the API checks the catalog).
   */
  columns: z.array(columnSelectionSchema).default([]),
  /** WHERE condition without the WHERE keyword; '' = every row. */
  filter: z.string().trim().max(4000, 'A filter condition has at most 4,000 characters; simplify it.').default(''),
  /** Operations migrated incrementally for this table; absent = the schema's. */
  operations: operations('table').optional(),
  /**
   * DTS's partition key, for the policy Hash of primary key: the (source) columns whose values
   * choose the partition instead of the primary key, e.g. for a table with no key. [] = the
   * primary key, else the first unique key.
   */
  partitionKey: z
    .array(objectName('partition key column'))
    .max(16, 'At most 16 partition key columns; fewer columns spread the rows just as well.')
    .refine((cols) => new Set(cols).size === cols.length, 'A partition key column is listed twice; list each column once.')
    .default([]),
});

export const schemaSelectionSchema = z.object({
  name: objectName('schema name'),
  mappedName: mappedName('schema name'),
  all: z.boolean().default(false),
  tables: z.array(tableSelectionSchema).default([]),
  operations: operations('schema').default([...OPERATIONS]),
});

/** Shell-style pattern: '*' any run of characters, '?' one character; case-sensitive like quoted Oracle names. */
export const BATCH_TARGETS = ['schema', 'table', 'column'] as const;
export const NAME_CASES = ['keep', 'upper', 'lower'] as const;

export const batchRuleSchema = z
  .object({
    target: z.enum(BATCH_TARGETS, { error: 'Choose schema, table or column.' }),
    match: z.string().trim().max(NAME_MAX).default('*'),
    case: z.enum(NAME_CASES, { error: 'Choose keep, upper or lower.' }).default('keep'),
    prefix: z.string().max(64, 'A prefix has at most 64 characters.').default(''),
    suffix: z.string().max(64, 'A suffix has at most 64 characters.').default(''),
  })
  .refine((r) => r.case !== 'keep' || r.prefix !== '' || r.suffix !== '', {
    message: 'This batch rule changes nothing; set a case, a prefix or a suffix, or delete the rule.',
    path: ['case'],
  })
  .refine((r) => !/["\u0000]/.test(r.prefix + r.suffix), { message: 'A prefix or suffix cannot contain a double quote; remove it.', path: ['prefix'] });

export const objectSelectionSchema = z.object({
  schemas: z.array(schemaSelectionSchema).min(1, 'Select at least one schema or table to migrate.'),
  batchRules: z.array(batchRuleSchema).max(20, 'At most 20 batch rules; merge some of them.').default([]),
});

export type ColumnSelection = z.output<typeof columnSelectionSchema>;
export type TableSelection = z.output<typeof tableSelectionSchema>;
export type SchemaSelection = z.output<typeof schemaSelectionSchema>;
export type BatchRule = z.output<typeof batchRuleSchema>;
export type ObjectSelection = z.output<typeof objectSelectionSchema>;
export type ObjectSelectionInput = z.input<typeof objectSelectionSchema>;

export function globMatches(pattern: string, name: string): boolean {
  if (pattern === '' || pattern === '*') return true;
  // Iterative wildcard match (no regex built from user text).
  let p = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
