/** The OracleGateway over node-oracledb thin mode (real SQL); see oracledb-gateway.ts. */
export { createOracledbGateway, OracledbGateway } from './oracledb-gateway';
export { connectDescriptor, parseOracleUrl } from './connect-descriptor';
export { compileFilter, filterColumns, type CompiledSql } from './filter-sql';
export { quoteIdent, quoteQualified, validateIdentifier } from './quote-ident';
export type { PoolOptions } from './session';
