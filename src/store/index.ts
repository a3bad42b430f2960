export { openStore, migrateToLatest, isPostgresUrl } from './database.ts';
export type { Store, DialectName, OpenStoreOptions } from './database.ts';
export { toNumber } from './dialect.ts';
