import { compareRowIds } from './rowid';

/**
 * Range bounds from extents listed in ROWID order (HI = the last ROWID an extent can hold):
 *   extents of 8, 8, 1024, 8 blocks, rangeBlocks 1024 → bounds [HI of the third extent]
 *   ranges: (…, HI3] and (HI3, …) — the final range is always open.
 * The bounds are sorted and de-duplicated as Oracle orders ROWIDs: the ranges then partition the
 * whole ROWID space, so every row falls in exactly one of them even if an extent list is stale.
 */
export function rowidRangeBounds(extents: readonly { hi: string; blocks: number }[], rangeBlocks: number): string[] {
  const bounds: string[] = [];
  let blocks = 0;
  for (let i = 0; i < extents.length - 1; i++) {
    blocks += extents[i]!.blocks;
    if (blocks >= rangeBlocks) {
      bounds.push(extents[i]!.hi);
      blocks = 0;
    }
  }
  bounds.sort(compareRowIds);
  return bounds.filter((b, i) => i === 0 || compareRowIds(bounds[i - 1]!, b) !== 0);
}
