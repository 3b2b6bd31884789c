/**
 * A LOB value assembled from LOB_WRITE pieces. Writes usually arrive in order (offset = current
 * length + 1) and are appended; out-of-order writes, trims and erases splice the value.
 *   write(1, 'abc'), write(4, 'def') → 'abcdef';  write(3, 'Z') → 'abZdef';  trim(4) → 'abZd'
 * Offsets count characters (code points) for CLOB/NCLOB and bytes for BLOB.
 */
export class LobValue {
  private text = '';
  private textLength = 0;
  private chunks: Uint8Array[] = [];
  private byteLength = 0;

  constructor(readonly kind: 'text' | 'bytes') {}

  /** Characters (text) or bytes written so far: an append writes at `length + 1`. */
  get length(): number {
    return this.kind === 'text' ? this.textLength : this.byteLength;
  }

  write(offset: number, data: string | Uint8Array): void {
    const at = Math.max(0, offset - 1);
    if (this.kind === 'text') {
      const s = String(data);
      if (at === this.textLength) {
        this.text += s;
        this.textLength += codePoints(s);
        return;
      }
      const cps = Array.from(this.text);
      while (cps.length < at) cps.push(' '); // Oracle fills a gap in a CLOB with spaces
      const piece = Array.from(s);
      cps.splice(at, piece.length, ...piece);
      this.setText(cps.join(''));
    } else {
      const b = data instanceof Uint8Array ? data : new Uint8Array(0);
      if (at === this.byteLength) {
        this.chunks.push(b);
        this.byteLength += b.length;
        return;
      }
      const all = this.bytes();
      const out = new Uint8Array(Math.max(all.length, at + b.length)); // a gap in a BLOB is zero bytes
      out.set(all);
      out.set(b, at);
      this.setBytes(out);
    }
  }

  trim(length: number): void {
    if (this.kind === 'text') {
      if (length < this.textLength) this.setText(Array.from(this.text).slice(0, length).join(''));
    } else if (length < this.byteLength) this.setBytes(this.bytes().slice(0, length));
  }

  erase(amount: number, offset: number): void {
    const at = Math.max(0, offset - 1);
    if (this.kind === 'text') {
      const cps = Array.from(this.text);
      for (let i = at; i < Math.min(cps.length, at + amount); i++) cps[i] = ' ';
      this.setText(cps.join(''));
    } else {
      const all = this.bytes();
      all.fill(0, at, Math.min(all.length, at + amount));
      this.setBytes(all);
    }
  }

  value(): string | Uint8Array {
    return this.kind === 'text' ? this.text : this.bytes();
  }

  private setText(s: string): void {
    this.text = s;
    this.textLength = codePoints(s);
  }

  private bytes(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0]!;
    const out = new Uint8Array(this.byteLength);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    this.chunks = [out];
    return out;
  }

  private setBytes(b: Uint8Array): void {
    this.chunks = [b];
    this.byteLength = b.length;
  }
}

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}
