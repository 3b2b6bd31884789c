import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

const artifacts = path.join(import.meta.dirname, 'artifacts');

/** Full-page screenshot into e2e/artifacts/ (git-ignored), for people to look at after a run. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}
