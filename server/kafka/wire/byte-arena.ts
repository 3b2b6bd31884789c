/**
 * Reusable memory for produce requests: slices handed out by `take` stay valid until `reset`.
 * A transaction's requests are written here and the space is reused by the next transaction, so
 * the engine does not allocate (and the garbage collector does not chase) megabytes of fresh
 * buffers per commit.
 */
export class ByteArena {
  private readonly chunks: Buffer[] = [];
  private index = 0;
  private used = 0;

  constructor(private readonly chunkBytes = 16 * 1024 * 1024) {}

  take(n: number): Buffer {
    let chunk = this.chunks[this.index];
    while (chunk && this.used + n > chunk.length) {
      this.index++;
      this.used = 0;
      chunk = this.chunks[this.index];
    }
    if (!chunk) {
      chunk = Buffer.allocUnsafe(Math.max(n, this.chunkBytes));
      this.chunks.push(chunk);
      this.index = this.chunks.length - 1;
      this.used = 0;
    }
    const out = chunk.subarray(this.used, this.used + n);
    this.used += n;
    return out;
  }

  /** Everything taken so far may be overwritten from now on. */
  reset(): void {
    this.index = 0;
    this.used = 0;
  }

  get capacity(): number {
    return this.chunks.reduce((n, c) => n + c.length, 0);
  }
}
