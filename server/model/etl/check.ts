/**
 * The check run when Advanced Settings is saved (and when a task is created through the API):
 * the script parses, every `for` block names a selected table, and it compiles against each
 * selected table's columns. One problem per table at most, e.g.
 *   checkEtlScript('for HR.EMP { set X = UPPER(SALRY); }', [HR.EMP …])
 *   → [EtlScriptError 'HR.EMP: line 1, column 26: unknown column SALRY in "…"' (hint: Did you mean SALARY? …)]
 */
import { isOra2KafkaError, type Ora2KafkaError } from '../errors';
import { compileEtl, type EtlTableShape } from './compile';
import { etlError } from './etl-error';
import { parseEtlScript } from './parser';

export function checkEtlScript(text: string, tables: readonly EtlTableShape[]): Ora2KafkaError[] {
  if (text.trim() === '') return [etlError(text, 0, 0, 'the script is empty', 'Write statements such as: for HR.EMPLOYEES { mask EMAIL hash; }, or set Configure ETL to No.')];
  const errors: Ora2KafkaError[] = [];
  const guard = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (!isOra2KafkaError(e)) throw e;
      errors.push(e);
    }
  };
  let script: ReturnType<typeof parseEtlScript>;
  try {
    script = parseEtlScript(text);
  } catch (e) {
    if (!isOra2KafkaError(e)) throw e;
    return [e];
  }
  const names = new Set(tables.map((t) => `${t.owner}.${t.name}`));
  for (const b of script.blocks) {
    if (!b.scope) continue;
    const k = `${b.scope.owner}.${b.scope.table}`;
    if (!names.has(k)) errors.push(etlError(text, b.pos, 3 + 1 + k.length, `${k} is not among the selected objects of this task`, `Selected tables: ${[...names].slice(0, 20).join(', ') || 'none'}. Select the table in Configure Objects, or remove its block.`));
  }
  for (const t of tables) guard(() => compileEtl(script, t));
  return errors;
}
