import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** Where the console keeps its own files (SQLite database, generated secret key): ORA2KAFKA_DATA_DIR or ./data. */
export function dataDir(): string {
  const dir = path.resolve(/*turbopackIgnore: true*/ process.env.ORA2KAFKA_DATA_DIR ?? path.join(/*turbopackIgnore: true*/ process.cwd(), 'data'));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
