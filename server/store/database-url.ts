import path from 'node:path';
import { dataDir } from './data-dir';

export type MetadataProvider = 'sqlite' | 'postgresql';

export interface MetadataDatabase {
  provider: MetadataProvider;
  /** For SQLite, the absolute file path; for PostgreSQL, the connection string. */
  url: string;
}

/** DATABASE_URL decides: postgres:// or postgresql:// → PostgreSQL; file:… or unset → SQLite under data/. */
export function metadataDatabase(env: Record<string, string | undefined> = process.env): MetadataDatabase {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { provider: 'sqlite', url: path.join(dataDir(), 'ora2kafka.db') };
  if (/^postgres(ql)?:\/\//i.test(url)) return { provider: 'postgresql', url };
  if (url.startsWith('file:')) return { provider: 'sqlite', url: path.resolve(url.slice('file:'.length)) };
  throw new Error(
    `DATABASE_URL "${url.replace(/\/\/[^@]*@/, '//***@')}" is not supported: use postgresql://user:pass@host:5432/db, file:./data/ora2kafka.db, or leave it unset for the embedded SQLite file.`,
  );
}
