/** Snapshot reading: the hand-off SCN (planHandoff) and keyset chunks AS OF SCN (readTableChunks). */
export { planHandoff, type Handoff } from './plan-handoff';
export { expectedRows, pagingKey, readTableChunks, type ChunkReadOptions, type ReadChunk } from './chunk-reader';
