import type { ChangeEvent } from '../model/change-event';
import { identityKey } from '../model/oracle-types';
import { FormatEncodeError } from './format-error';
import { keyText } from './message-key';
import type { UnencodableCharacterError } from './text-encoder';

/**
 * The task error for a character the Actual Write Code cannot encode, naming table, column and row:
 *
 *   Actual Write Code GBK has no encoding for "😀" (U+1F600) in column HR.EMPLOYEES.LAST_NAME of
 *   the row with key ID = 7 (UPDATE at SCN 5012345)
 */
export function unencodableCharacter(e: UnencodableCharacterError, event: ChangeEvent, objectName: string, column: string | undefined): FormatEncodeError {
  const keyColumns = identityKey(event);
  const row = keyColumns && keyColumns.length > 0 ? `the row with key ${keyColumns.join(', ')} = ${keyText(event, keyColumns)}` : 'a row without a key';
  const where = column ? `column ${objectName}.${column}` : objectName;
  return new FormatEncodeError(
    `Actual Write Code ${e.charset} has no encoding for ${JSON.stringify(e.character)} (${e.codePoint}) in ${where} of ${row} (${event.op} at SCN ${event.scn})`,
    'Choose UTF-8 or GB18030 as Actual Write Code (they encode every character), or set "Characters that cannot be encoded" to replace them with "?", then start the task again.',
  );
}
