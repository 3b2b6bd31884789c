/**
 * The simulator takes every SQL_REDO value literal from the shared formatter, so its redo text
 * round-trips through parseRedo + convertRedoValue exactly as real LogMiner text does.
 */
export { formatRedoLiteral } from '../redo-values';
