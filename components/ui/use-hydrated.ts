'use client';

import { useSyncExternalStore } from 'react';

const noopSubscribe = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React runs in the browser. A button
 * rendered by the server is visible before its click handler is attached: a click then does
 * nothing (a slow device, a test clicking right after the page loads). Action buttons stay
 * disabled until this is true.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noopSubscribe, () => true, () => false);
}
