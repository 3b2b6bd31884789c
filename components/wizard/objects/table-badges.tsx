/** "No PK/UK": DTS needs a primary or unique key, else duplicate records may reach Kafka. */
export function KeylessBadge() {
  return (
    <span className="badge warn" title="No primary key or unique key: duplicate records may appear in Kafka. Add a primary key or a unique constraint to the table.">
      no PK/UK
    </span>
  );
}

/** Row estimate from optimizer statistics ("~1,000 rows"), or "no statistics". */
export function rowsText(n: number | null | undefined): string {
  if (n === null || n === undefined) return 'no statistics';
  return `~${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'}`;
}
