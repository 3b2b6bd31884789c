/** Where to go after sign-in: only a path on this console ("/tasks/o2k-1"), never another site ("//evil", "https://…"). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/tasks';
  return next;
}
