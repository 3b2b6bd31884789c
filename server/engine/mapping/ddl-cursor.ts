import { identText, isIdent, tokenize, type SqlToken } from '../../oracle/sql-tokens';

/**
 * What a DDL rewrite needs to know: the name mapping and, to tell column names from function
 * names inside expressions, the columns the engine knows for a table.
 */
export interface DdlNameMapper {
  schema(owner: string): string;
  table(owner: string, table: string): { owner: string; table: string };
  column(owner: string, table: string, column: string): string;
  selectsSchema(owner: string): boolean;
}

export interface DdlMappingContext {
  /** Schema an unqualified name belongs to (the DDL's owner as LogMiner reports it). */
  defaultOwner: string;
  mapper: DdlNameMapper;
  columnsOf?(owner: string, table: string): readonly string[] | undefined;
}

export interface NameRef {
  ownerAt: number | null;
  owner: string;
  nameAt: number;
  name: string;
}

/**
 * A cursor over the significant tokens (no whitespace or comments) of one statement, recording
 * replacements by token index; `text()` splices them into the original text.
 */
export class DdlCursor {
  readonly tokens: SqlToken[];
  private readonly sig: number[] = [];
  private readonly replaced = new Map<number, string>();
  pos = 0;

  constructor(
    sql: string,
    readonly ctx: DdlMappingContext,
  ) {
    this.tokens = tokenize(sql);
    this.tokens.forEach((t, i) => {
      if (t.kind !== 'ws' && t.kind !== 'comment') this.sig.push(i);
    });
  }

  get length(): number {
    return this.sig.length;
  }

  at(p: number): SqlToken | undefined {
    const i = this.sig[p];
    return i === undefined ? undefined : this.tokens[i];
  }

  peek(k = 0): SqlToken | undefined {
    return this.at(this.pos + k);
  }

  /** Upper-cased keyword at pos+k, or '' when that token is not an unquoted word. */
  word(k = 0): string {
    const t = this.peek(k);
    return t?.kind === 'word' ? t.name : '';
  }

  isPunct(ch: string, k = 0): boolean {
    const t = this.peek(k);
    return t?.kind === 'punct' && t.text === ch;
  }

  /** Consumes the keywords if they come next, in order. */
  accept(...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) if (this.word(k) !== words[k]) return false;
    this.pos += words.length;
    return true;
  }

  skipWords(words: ReadonlySet<string>): void {
    while (words.has(this.word())) this.pos++;
  }

  atEnd(): boolean {
    return this.pos >= this.sig.length || this.isPunct(';');
  }

  /** `[owner .] name` at the cursor, or null when no identifier is there. */
  readName(): NameRef | null {
    const first = this.peek();
    if (!isIdent(first)) return null;
    if (this.isPunct('.', 1) && isIdent(this.peek(2))) {
      const ref = { ownerAt: this.pos, owner: first.name, nameAt: this.pos + 2, name: this.peek(2)!.name };
      this.pos += 3;
      return ref;
    }
    const ref = { ownerAt: null, owner: this.ctx.defaultOwner, nameAt: this.pos, name: first.name };
    this.pos += 1;
    return ref;
  }

  /** Index (significant position) of the matching ')' for the '(' at p, or length when unbalanced. */
  closeOf(p: number): number {
    let depth = 0;
    for (let q = p; q < this.sig.length; q++) {
      const t = this.at(q)!;
      if (t.kind !== 'punct') continue;
      if (t.text === '(') depth++;
      else if (t.text === ')' && --depth === 0) return q;
    }
    return this.sig.length;
  }

  /** Replace the identifier at significant position p, keeping its quoting style where possible. */
  rename(p: number, name: string): void {
    const t = this.at(p);
    if (!isIdent(t) || t.name === name || this.replaced.has(this.sig[p]!)) return;
    this.replaced.set(this.sig[p]!, identText(name, t.kind === 'qid'));
  }

  touched(p: number): boolean {
    return this.replaced.has(this.sig[p]!);
  }

  mapTableRef(ref: NameRef): { owner: string; table: string } {
    const to = this.ctx.mapper.table(ref.owner, ref.name);
    if (ref.ownerAt !== null) this.rename(ref.ownerAt, to.owner);
    this.rename(ref.nameAt, to.table);
    return { owner: ref.owner, table: ref.name };
  }

  /** A non-table object (view, index, procedure, …): only its schema is mapped. */
  mapObjectRef(ref: NameRef): void {
    if (ref.ownerAt !== null) this.rename(ref.ownerAt, this.ctx.mapper.schema(ref.owner));
  }

  text(): string {
    if (this.replaced.size === 0) return this.tokens.map((t) => t.text).join('');
    return this.tokens.map((t, i) => this.replaced.get(i) ?? t.text).join('');
  }
}
