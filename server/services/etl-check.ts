import { checkEtlScript, withScriptLabel, type EtlTableShape } from '../model/etl';
import type { EtlSettings } from '../model/task-advanced';
import type { ObjectSelection } from '../model/task-objects';
import type { SectionIssue } from '../model/wizard-sections';
import type { OracleGateway } from '../oracle/gateway';

/**
 * Advanced Settings › ETL script checked against the columns of the tables the task selects (whole
 * schemas as the dictionary lists them now): the same compile the engine runs, so a script that
 * saves is a script that runs.
 *
 *   etlIssues(gw, { schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES' }] }] }, { enabled: true, script: 'mask EMAL hash' })
 *   → [{ path: 'advanced.etl.script', message: 'Advanced Settings › ETL script: HR.EMPLOYEES: line 1, column 6: unknown column EMAL in "mask ⟪EMAL⟫ hash" Did you mean EMAIL? …' }]
 */
export async function etlIssues(gw: OracleGateway, objects: ObjectSelection, etl: EtlSettings): Promise<SectionIssue[]> {
  if (!etl.enabled) return [];
  const tables = await selectedTableShapes(gw, objects);
  return checkEtlScript(etl.script, tables).map((e) => {
    withScriptLabel(e);
    return { path: 'advanced.etl.script', message: `${e.message}${e.hint ? ` ${e.hint}` : ''}` };
  });
}

/** Columns and keys of every selected table that exists (missing ones are Configure Objects' problem). */
export async function selectedTableShapes(gw: OracleGateway, objects: ObjectSelection): Promise<EtlTableShape[]> {
  const out: EtlTableShape[] = [];
  const schemas = new Set(await gw.listSchemas());
  for (const s of objects.schemas) {
    if (!schemas.has(s.name)) continue;
    const existing = await gw.listTables(s.name);
    const names = s.all ? existing.map((t) => t.name) : s.tables.map((t) => t.name).filter((n) => existing.some((t) => t.name === n));
    for (const name of names) {
      const meta = await gw.describeTable(s.name, name);
      out.push({ owner: s.name, name, columns: meta.columns, primaryKey: meta.primaryKey, uniqueKeys: meta.uniqueKeys });
    }
  }
  return out;
}
