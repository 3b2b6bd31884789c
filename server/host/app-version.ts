import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The running Ora2Kafka version (package.json's), shown on the Workers page: "0.1.0". */
export function appVersion(): string {
  if (process.env.npm_package_name === 'ora2kafka' && process.env.npm_package_version) return process.env.npm_package_version;
  try {
    const pkg = JSON.parse(readFileSync(path.resolve(process.env.ORA2KAFKA_APP_ROOT ?? process.cwd(), 'package.json'), 'utf8')) as { name?: string; version?: string };
    return pkg.name === 'ora2kafka' && pkg.version ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
