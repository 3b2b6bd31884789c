import type { IndexMeta } from '../../model/oracle-types';
import type { StoredObject } from './schemas-and-users';
import { renderColumnType } from './column-types';
import type { SimTable } from './sim-table';

/**
 * DBMS_METADATA.GET_DDL-shaped text (default transform: storage clauses on, no SQLTERMINATOR):
 *
 *   CREATE TABLE "HR"."REGIONS"
 *    (	"REGION_ID" NUMBER CONSTRAINT "REGION_ID_NN" NOT NULL ENABLE,
 *  	"REGION_NAME" VARCHAR2(25),
 *  	 CONSTRAINT "REG_ID_PK" PRIMARY KEY ("REGION_ID")
 *    USING INDEX PCTFREE 10 INITRANS 2 MAXTRANS 255 COMPUTE STATISTICS
 *    TABLESPACE "USERS"  ENABLE
 *    ) SEGMENT CREATION IMMEDIATE
 *   PCTFREE 10 PCTUSED 40 INITRANS 1 MAXTRANS 255
 *  NOCOMPRESS LOGGING
 *   TABLESPACE "USERS"
 */
const q = (s: string): string => `"${s}"`;
const colList = (cols: string[]): string => cols.map(q).join(', ');

export function tableDdl(t: SimTable): string {
  const lines: string[] = t.columns.map((c) => {
    let line = `${q(c.name)} ${renderColumnType(c)}`;
    if (c.defaultValue !== null) line += ` DEFAULT ${c.defaultValue}`;
    if (!c.nullable) line += ' NOT NULL ENABLE';
    return line;
  });
  const usingIndex = '\n  USING INDEX PCTFREE 10 INITRANS 2 MAXTRANS 255 COMPUTE STATISTICS \n  TABLESPACE "USERS"  ENABLE';
  if (t.primaryKey) lines.push(` CONSTRAINT ${q(t.primaryKey.name)} PRIMARY KEY (${colList(t.primaryKey.columns)})${usingIndex}`);
  for (const uk of t.uniqueKeys) lines.push(` CONSTRAINT ${q(uk.name)} UNIQUE (${colList(uk.columns)})${usingIndex}`);
  const sup: string[] = [];
  if (t.supplemental.all) sup.push(' SUPPLEMENTAL LOG DATA (ALL) COLUMNS');
  if (t.supplemental.pk) sup.push(' SUPPLEMENTAL LOG DATA (PRIMARY KEY) COLUMNS');
  if (t.supplemental.ui) sup.push(' SUPPLEMENTAL LOG DATA (UNIQUE INDEX) COLUMNS');
  return (
    `\n  CREATE TABLE ${q(t.owner)}.${q(t.name)} \n   (\t${[...lines, ...sup].join(', \n\t')}\n   ) SEGMENT CREATION IMMEDIATE \n` +
    '  PCTFREE 10 PCTUSED 40 INITRANS 1 MAXTRANS 255 \n NOCOMPRESS LOGGING\n' +
    '  STORAGE(INITIAL 65536 NEXT 1048576 MINEXTENTS 1 MAXEXTENTS 2147483645\n' +
    '  PCTINCREASE 0 FREELISTS 1 FREELIST GROUPS 1\n  BUFFER_POOL DEFAULT FLASH_CACHE DEFAULT CELL_FLASH_CACHE DEFAULT)\n' +
    '  TABLESPACE "USERS" '
  );
}

export function indexDdl(t: SimTable, ix: IndexMeta): string {
  return (
    `\n  CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${q(t.owner)}.${q(ix.name)} ON ${q(t.owner)}.${q(t.name)} (${colList(ix.columns)}) \n` +
    '  PCTFREE 10 INITRANS 2 MAXTRANS 255 COMPUTE STATISTICS \n  TABLESPACE "USERS" '
  );
}

/** Code objects: DBMS_METADATA re-creates them as CREATE OR REPLACE [FORCE] EDITIONABLE <type> "OWNER"."NAME" … */
export function storedObjectDdl(owner: string, o: StoredObject): string {
  const head = `${q(owner)}.${q(o.name)}`;
  switch (o.type) {
    case 'VIEW':
      return `\n  CREATE OR REPLACE FORCE EDITIONABLE VIEW ${head} ${o.body}`;
    case 'SEQUENCE':
      return `\n   CREATE SEQUENCE  ${head}  ${o.body}`;
    default:
      return `\n  CREATE OR REPLACE EDITIONABLE ${o.type} ${head} ${o.body}\n`;
  }
}
