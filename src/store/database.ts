import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  type KyselyPlugin,
  type OperationNode,
  type SqliteDatabase,
} from 'kysely';
import pg from 'pg';
import { CorroborateError } from '../errors.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

/** Which SQL engine is behind a {@link Store}. The only place the two differ is here and in `dialect.ts`. */
export type DialectName = 'sqlite' | 'postgres';

/** An open database: the typed query builder, which engine it is, and how to close it. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** A human-readable location (file path or redacted URL), for messages. */
  readonly location: string;
  /** What caches of stored data may rely on: see {@link ChangeMarker}. */
  readonly changes: ChangeMarker;
  close(): Promise<void>;
}

/**
 * Tells caches of stored data (API sessions, memberships, protections) when to drop what they hold.
 * `current()` changes whenever this process writes through the store and, on SQLite, whenever any other
 * connection or process commits to the same file (`PRAGMA data_version`), so a value read after a marker
 * is valid while the marker stays the same. `exact` is false on PostgreSQL, where other processes' writes
 * are not seen: caches there must also expire entries after a short time.
 */
export interface ChangeMarker {
  readonly exact: boolean;
  current(): string;
}

const WRITE_WORDS = /\b(insert|update|delete|merge|create|drop|alter|truncate|copy|grant|revoke|vacuum|reindex)\b/i;

/** True when a query may change stored data (raw SQL is judged by its words, erring towards "writes"). */
function mayWrite(node: OperationNode): boolean {
  if (node.kind === 'SelectQueryNode') return false;
  if (node.kind === 'RawNode') return WRITE_WORDS.test((node as OperationNode & { sqlFragments: readonly string[] }).sqlFragments.join(' '));
  return true;
}

/** Counts the queries of this process that may write (every dialect), for {@link ChangeMarker}. */
class WriteCounter implements KyselyPlugin {
  writes = 0;
  transformQuery: KyselyPlugin['transformQuery'] = (args) => {
    if (mayWrite(args.node)) this.writes++;
    return args.node;
  };
  transformResult: KyselyPlugin['transformResult'] = (args) => Promise.resolve(args.result);
}

export interface OpenStoreOptions {
  /** A file path for SQLite (default engine), or a `postgres://` / `postgresql://` URL. */
  readonly url: string;
  /** Apply pending migrations on open (default true). */
  readonly migrate?: boolean;
  /** Max pool size for PostgreSQL (default 10). */
  readonly poolSize?: number;
}

/** True when `url` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** How many prepared statements one SQLite connection keeps for reuse. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Wraps a better-sqlite3 connection so Kysely reuses prepared statements instead of compiling the same
 * SQL on every query (Kysely's SQLite driver calls `prepare` each time). A statement still being iterated
 * (`busy`, from a streamed query) is never handed out twice: a fresh one is prepared instead.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare(sqlText: string) {
      const cached = cache.get(sqlText);
      if (cached !== undefined && !cached.busy) {
        // Refresh its place so the least recently used statement is evicted first.
        cache.delete(sqlText);
        cache.set(sqlText, cached);
        return cached;
      }
      const statement = sqlite.prepare(sqlText);
      if (cached === undefined) {
        cache.set(sqlText, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
      }
      return statement;
    },
  };
}

/**
 * Opens (and by default migrates) the store: SQLite in WAL mode with foreign keys on, or PostgreSQL.
 *
 * @example
 * const store = await openStore({ url: './corroborate.db' });
 * const cases = await store.db.selectFrom('cases').selectAll().execute();
 * await store.close();
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { url } = options;
  let store: Store;
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle pooled connection closed by the server (restart, DROP DATABASE … FORCE, idle timeout) is
    // dropped from the pool and replaced on demand; without a listener its error would crash the process.
    pool.on('error', () => undefined);
    const counter = new WriteCounter();
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [counter] });
    const changes: ChangeMarker = { exact: false, current: () => String(counter.writes) };
    store = { db, dialect: 'postgres', location: redactUrl(url), changes, close: () => db.destroy() };
  } else {
    if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
    let sqlite: SQLite.Database;
    try {
      sqlite = new SQLite(url);
    } catch (error) {
      throw new CorroborateError('config', `cannot open database ${url}: ${(error as Error).message}`);
    }
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 10000');
    const counter = new WriteCounter();
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
      plugins: [counter],
    });
    // data_version moves when another connection commits; this connection's own writes are counted.
    const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
    const changes: ChangeMarker = {
      exact: true,
      current: () => (sqlite.open ? `${String(dataVersion.get())}:${counter.writes}` : 'closed'),
    };
    store = { db, dialect: 'sqlite', location: url, changes, close: () => db.destroy() };
  }
  if (options.migrate !== false) await migrateToLatest(store);
  return store;
}

/** Applies every pending migration in order; throws naming the first one that failed. */
export async function migrateToLatest(store: Store): Promise<readonly string[]> {
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: () => Promise.resolve(migrations(store.dialect)) },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined && error !== null) {
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new CorroborateError(
      'config',
      `migration ${failed?.migrationName ?? '(unknown)'} failed on ${store.location}: ${reason}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
