/**
 * DTS objectName: names joined with "." and a "." inside a name written as the six characters
 * \u002E, so a reader can split on "." (aliyun-dts-subscribe-sdk-java ObjectNameUtils).
 *   owner HR, table EMPLOYEES      → HR.EMPLOYEES
 *   owner HR, table "ODD.NAME"     → HR.ODD\u002ENAME
 *   DDL with no object (table '')  → HR
 */
export function escapeNamePart(name: string): string {
  return name.includes('.') ? name.split('.').join('\\u002E') : name;
}

export function objectName(owner: string, table: string): string {
  return table === '' ? escapeNamePart(owner) : `${escapeNamePart(owner)}.${escapeNamePart(table)}`;
}
