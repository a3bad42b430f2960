import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import argon2 from 'argon2';
import type { Kysely, Selectable } from 'kysely';
import { CorroborateError } from '../errors.ts';
import type { ApiTokenTable, Database, MembershipTable, UserTable } from './schema.ts';

/** A role on one case. `admin` is not a case role: it is a flag on the user and reaches every case. */
export type CaseRole = 'viewer' | 'analyst' | 'lead';

/** Every case role, weakest first. */
export const CASE_ROLES: readonly CaseRole[] = ['viewer', 'analyst', 'lead'];

/** What an API token may do: `read` allows safe methods only, `write` everything its user may do. */
export type TokenPermission = 'read' | 'write';

/** Rank of a role, for "at least" comparisons (viewer 1 < analyst 2 < lead 3). */
export function roleRank(role: CaseRole): number {
  return CASE_ROLES.indexOf(role) + 1;
}

/** True when `value` names a case role. */
export function isCaseRole(value: unknown): value is CaseRole {
  return typeof value === 'string' && (CASE_ROLES as readonly string[]).includes(value);
}

/** A local account, without its password hash. */
export interface User {
  readonly id: string;
  readonly name: string;
  readonly admin: boolean;
  readonly disabled: boolean;
  readonly createdAt: string;
}

/** A user's role and clearance on one case. */
export interface Membership {
  readonly caseId: string;
  readonly userId: string;
  readonly userName: string;
  readonly role: CaseRole;
  /** Cleared users see protected material (and every such read is logged to custody). */
  readonly cleared: boolean;
  readonly createdAt: string;
}

/** An API token as listed (never with its secret). */
export interface ApiToken {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  /** Case ids the token is limited to, or null for every case its user can reach. */
  readonly cases: readonly string[] | null;
  readonly permission: TokenPermission;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

/**
 * argon2id cost parameters. The default follows current guidance (64 MiB, 3 passes); tests lower them
 * through {@link AccountOptions} so suites stay fast, never by changing the default.
 */
export interface HashParams {
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/** Sound production parameters for argon2id. */
export const DEFAULT_HASH_PARAMS: HashParams = Object.freeze({ memoryCost: 65536, timeCost: 3, parallelism: 1 });

/** Login throttling: per-name lockout after repeated failures, and a per-address attempt rate. */
export interface LoginPolicy {
  /** Failed attempts for one name within `windowMs` that lock it. */
  readonly maxFailures: number;
  readonly windowMs: number;
  /** How long a locked name stays locked after its last failure. */
  readonly lockMs: number;
  /** Attempts allowed from one address per `windowMs`, successful or not. */
  readonly maxPerAddress: number;
}

/** Default login policy: 5 failures in 15 minutes lock a name for 15 minutes; 30 attempts per address. */
export const DEFAULT_LOGIN_POLICY: LoginPolicy = Object.freeze({
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxPerAddress: 30,
});

/** Options shared by the account functions; every field has a sound default. */
export interface AccountOptions {
  readonly hash?: HashParams;
  readonly login?: LoginPolicy;
  /** The clock, for tests of expiry and lockout windows. */
  readonly now?: () => Date;
}

const MIN_PASSWORD = 12;
const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function nowIso(options: AccountOptions | undefined): string {
  return (options?.now?.() ?? new Date()).toISOString();
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

function toUser(row: Selectable<UserTable>): User {
  return {
    id: row.id,
    name: row.name,
    admin: Number(row.admin) === 1,
    disabled: Number(row.disabled) === 1,
    createdAt: row.created_at,
  };
}

function toToken(row: Selectable<ApiTokenTable>): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    cases: row.cases === null ? null : (JSON.parse(row.cases) as string[]),
    permission: row.permission === 'write' ? 'write' : 'read',
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

function toMembership(row: Selectable<MembershipTable> & { user_name: string }): Membership {
  if (!isCaseRole(row.role)) throw new CorroborateError('internal', `membership has unknown role ${row.role}`);
  return {
    caseId: row.case_id,
    userId: row.user_id,
    userName: row.user_name,
    role: row.role,
    cleared: Number(row.cleared) === 1,
    createdAt: row.created_at,
  };
}

/** Hashes a password with argon2id (PHC string output). */
export async function hashPassword(password: string, params: HashParams = DEFAULT_HASH_PARAMS): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, ...params });
}

/** Checks a user name: lowercase letters, digits, `.`, `_`, `-`; 2–64 characters. */
export function validateUserName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new CorroborateError(
      'invalid_input',
      `user name '${name}': use 2-64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit`,
    );
  }
}

/** Checks a new password: at least 12 characters, not the user's name. There is never a default password. */
export function validatePassword(name: string, password: string): void {
  if (password.length < MIN_PASSWORD) {
    throw new CorroborateError('invalid_input', `password for ${name}: at least ${MIN_PASSWORD} characters are required`);
  }
  if (password.toLowerCase().includes(name.toLowerCase())) {
    throw new CorroborateError('invalid_input', `password for ${name}: must not contain the user name`);
  }
}

/**
 * Creates a local account with an argon2id password hash.
 *
 * @example
 * const user = await createUser(store.db, { name: 'ana', password: secret, admin: true });
 */
export async function createUser(
  db: Kysely<Database>,
  input: { readonly name: string; readonly password: string; readonly admin?: boolean },
  options?: AccountOptions,
): Promise<User> {
  validateUserName(input.name);
  validatePassword(input.name, input.password);
  const existing = await db.selectFrom('users').select('id').where('name', '=', input.name).executeTakeFirst();
  if (existing !== undefined) throw new CorroborateError('conflict', `user ${input.name} already exists`);
  const row = {
    id: `usr_${randomUUID()}`,
    name: input.name,
    password_hash: await hashPassword(input.password, options?.hash),
    admin: input.admin === true ? 1 : 0,
    disabled: 0,
    created_at: nowIso(options),
  };
  await db.insertInto('users').values(row).execute();
  return toUser(row);
}

/** Replaces a user's password (and ends their sessions). */
export async function setPassword(
  db: Kysely<Database>,
  userId: string,
  password: string,
  options?: AccountOptions,
): Promise<void> {
  const user = await requireUser(db, userId);
  validatePassword(user.name, password);
  const hash = await hashPassword(password, options?.hash);
  await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Disables or re-enables an account; disabling ends its sessions. Tokens of a disabled user stop working. */
export async function setUserDisabled(db: Kysely<Database>, userId: string, disabled: boolean): Promise<void> {
  await requireUser(db, userId);
  await db
    .updateTable('users')
    .set({ disabled: disabled ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
  if (disabled) await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** The user with this id or name, or undefined. */
export async function findUser(db: Kysely<Database>, idOrName: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

/** The user with this id or name; throws `not_found` naming it otherwise. */
export async function requireUser(db: Kysely<Database>, idOrName: string): Promise<User> {
  const user = await findUser(db, idOrName);
  if (user === undefined) throw new CorroborateError('not_found', `user ${idOrName} not found`);
  return user;
}

/** Every account, by name. */
export async function listUsers(db: Kysely<Database>): Promise<readonly User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('name').execute();
  return rows.map(toUser);
}

/** How many accounts exist (the server refuses to start without an admin). */
export async function countAdmins(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('admin', '=', 1)
    .where('disabled', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// A fixed hash to verify against when the name is unknown, so timing does not reveal which names exist.
let dummyHash: Promise<string> | undefined;

/**
 * Verifies a name and password under the login policy: refuses with `rate_limited` when the address has
 * made too many attempts, `locked` when the name has failed too often, `unauthorized` on a bad pair.
 * Every attempt is recorded.
 */
export async function authenticate(
  db: Kysely<Database>,
  input: { readonly name: string; readonly password: string; readonly ip: string },
  options?: AccountOptions,
): Promise<User> {
  const policy = options?.login ?? DEFAULT_LOGIN_POLICY;
  const now = options?.now?.() ?? new Date();
  const since = new Date(now.getTime() - policy.windowMs).toISOString();
  const name = input.name.slice(0, 128);

  const perAddress = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('ip', '=', input.ip)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(perAddress.n) >= policy.maxPerAddress) {
    throw new CorroborateError('rate_limited', 'too many sign-in attempts from this address; try again later');
  }

  const lockSince = new Date(now.getTime() - Math.max(policy.windowMs, policy.lockMs)).toISOString();
  const recent = await db
    .selectFrom('login_attempts')
    .select(['at', 'ok'])
    .where('name', '=', name)
    .where('ok', '>=', 0)
    .where('at', '>', lockSince)
    .orderBy('at', 'desc')
    .limit(policy.maxFailures)
    .execute();
  const failures = recent.filter((r) => Number(r.ok) === 0);
  const newest = failures[0];
  if (
    failures.length >= policy.maxFailures &&
    recent.every((r) => Number(r.ok) === 0) &&
    newest !== undefined &&
    now.getTime() - Date.parse(newest.at) < policy.lockMs
  ) {
    // Refused attempts count against the address but do not extend the lock.
    await recordAttempt(db, name, input.ip, now, REFUSED);
    throw new CorroborateError('locked', `account ${name} is locked after repeated failed sign-ins; try again later`);
  }

  const row = await db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  let ok = false;
  if (row === undefined) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'), options?.hash);
    await argon2.verify(await dummyHash, input.password).catch(() => false);
  } else {
    ok = await argon2.verify(row.password_hash, input.password).catch(() => false);
  }
  ok = ok && row !== undefined && Number(row.disabled) === 0;
  await recordAttempt(db, name, input.ip, now, ok ? 1 : 0);
  if (!ok || row === undefined) throw new CorroborateError('unauthorized', 'wrong user name or password');
  return toUser(row);
}

const REFUSED = -1;

/** Records one attempt: `ok` is 1 (success), 0 (failure) or -1 (refused while locked). */
async function recordAttempt(db: Kysely<Database>, name: string, ip: string, at: Date, ok: number): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({ id: randomUUID(), name, ip, at: at.toISOString(), ok })
    .execute();
}

/** A new browser session: the cookie value and CSRF token are returned once and stored only as hashes. */
export interface NewSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/** Starts a session for a user that lasts `ttlMs`. */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
  ttlMs: number,
  options?: AccountOptions,
): Promise<NewSession> {
  const now = options?.now?.() ?? new Date();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256(token),
      user_id: userId,
      csrf_hash: sha256(csrfToken),
      created_at: now.toISOString(),
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** A live session and its user. */
export interface ActiveSession {
  readonly user: User;
  readonly csrfHash: string;
  readonly expiresAt: string;
}

/** The live session for a cookie value, or undefined when unknown, expired or its user is disabled. */
export async function findSession(
  db: Kysely<Database>,
  token: string,
  options?: AccountOptions,
): Promise<ActiveSession | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_hash', 'sessions.expires_at'])
    .where('sessions.id_hash', '=', sha256(token))
    .executeTakeFirst();
  if (row === undefined || Number(row.disabled) === 1) return undefined;
  if (row.expires_at <= nowIso(options)) return undefined;
  return { user: toUser(row), csrfHash: row.csrf_hash, expiresAt: row.expires_at };
}

/** True when `csrfToken` is the one issued with the session (constant-time comparison). */
export function csrfMatches(session: ActiveSession, csrfToken: string): boolean {
  return sameHash(session.csrfHash, sha256(csrfToken));
}

/** Ends a session (sign-out). Unknown tokens are ignored. */
export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', sha256(token)).execute();
}

/** A new API token: `token` is shown once and never stored. */
export interface NewApiToken {
  readonly token: string;
  readonly record: ApiToken;
}

const TOKEN_PREFIX = 'crb_';

/**
 * Creates an API token for scripts, scoped to some cases (or all the user can reach) and to read or write.
 * The secret is returned once; only its SHA-256 is stored.
 */
export async function createApiToken(
  db: Kysely<Database>,
  input: {
    readonly userId: string;
    readonly name: string;
    readonly cases: readonly string[] | null;
    readonly permission: TokenPermission;
    readonly expiresAt?: string | null;
  },
  options?: AccountOptions,
): Promise<NewApiToken> {
  await requireUser(db, input.userId);
  if (input.name.trim() === '' || input.name.length > 100) {
    throw new CorroborateError('invalid_input', 'token name: 1-100 characters are required');
  }
  const id = randomBytes(9).toString('base64url');
  const secret = randomBytes(32).toString('base64url');
  const row = {
    id,
    user_id: input.userId,
    name: input.name,
    secret_hash: sha256(secret),
    cases: input.cases === null ? null : JSON.stringify([...new Set(input.cases)]),
    permission: input.permission,
    created_at: nowIso(options),
    expires_at: input.expiresAt ?? null,
    revoked_at: null,
    last_used_at: null,
  };
  await db.insertInto('api_tokens').values(row).execute();
  return { token: `${TOKEN_PREFIX}${id}.${secret}`, record: toToken(row) };
}

/** The live token and its user for a presented secret, or undefined when unknown, revoked or expired. */
export async function findApiToken(
  db: Kysely<Database>,
  token: string,
  options?: AccountOptions,
): Promise<{ readonly user: User; readonly token: ApiToken } | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const [id, secret] = token.slice(TOKEN_PREFIX.length).split('.');
  if (id === undefined || secret === undefined || id === '' || secret === '') return undefined;
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('api_tokens')
    .select(['users.name as user_name', 'users.admin', 'users.disabled', 'users.created_at as user_created_at'])
    .where('api_tokens.id', '=', id)
    .executeTakeFirst();
  if (row === undefined || !sameHash(row.secret_hash, sha256(secret))) return undefined;
  const now = nowIso(options);
  if (row.revoked_at !== null || Number(row.disabled) === 1) return undefined;
  if (row.expires_at !== null && row.expires_at <= now) return undefined;
  // Coarse last-use stamp: at most one write per minute per token keeps reads cheap.
  if (row.last_used_at === null || Date.parse(now) - Date.parse(row.last_used_at) > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
  }
  const user: User = {
    id: row.user_id,
    name: row.user_name,
    admin: Number(row.admin) === 1,
    disabled: false,
    createdAt: row.user_created_at,
  };
  return { user, token: toToken(row) };
}

/** A user's tokens (or every token when `userId` is undefined), newest first. */
export async function listApiTokens(db: Kysely<Database>, userId?: string): Promise<readonly ApiToken[]> {
  let query = db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc');
  if (userId !== undefined) query = query.where('user_id', '=', userId);
  return (await query.execute()).map(toToken);
}

/** Revokes a token. `ownerId` limits it to that user's tokens (admins pass undefined). */
export async function revokeApiToken(
  db: Kysely<Database>,
  tokenId: string,
  ownerId?: string,
  options?: AccountOptions,
): Promise<ApiToken> {
  let query = db.selectFrom('api_tokens').selectAll().where('id', '=', tokenId);
  if (ownerId !== undefined) query = query.where('user_id', '=', ownerId);
  const row = await query.executeTakeFirst();
  if (row === undefined) throw new CorroborateError('not_found', `token ${tokenId} not found`);
  const revokedAt = row.revoked_at ?? nowIso(options);
  await db.updateTable('api_tokens').set({ revoked_at: revokedAt }).where('id', '=', tokenId).execute();
  return toToken({ ...row, revoked_at: revokedAt });
}

/** Gives a user a role on a case (replacing any earlier role); clearance is kept unless given. */
export async function setMembership(
  db: Kysely<Database>,
  input: { readonly caseId: string; readonly userId: string; readonly role: CaseRole; readonly cleared?: boolean },
  options?: AccountOptions,
): Promise<Membership> {
  if (!isCaseRole(input.role)) {
    throw new CorroborateError('invalid_input', `role '${String(input.role)}': use viewer, analyst or lead`);
  }
  const user = await requireUser(db, input.userId);
  const kase = await db.selectFrom('cases').select('id').where('id', '=', input.caseId).executeTakeFirst();
  if (kase === undefined) throw new CorroborateError('not_found', `case ${input.caseId} not found`);
  const existing = await getMembership(db, input.caseId, user.id);
  const cleared = input.cleared ?? existing?.cleared ?? false;
  if (existing === undefined) {
    await db
      .insertInto('memberships')
      .values({
        case_id: input.caseId,
        user_id: user.id,
        role: input.role,
        cleared: cleared ? 1 : 0,
        created_at: nowIso(options),
      })
      .execute();
  } else {
    await db
      .updateTable('memberships')
      .set({ role: input.role, cleared: cleared ? 1 : 0 })
      .where('case_id', '=', input.caseId)
      .where('user_id', '=', user.id)
      .execute();
  }
  return requireMembership(db, input.caseId, user.id);
}

/** Grants or withdraws clearance for protected material on one case. */
export async function setClearance(
  db: Kysely<Database>,
  caseId: string,
  userId: string,
  cleared: boolean,
): Promise<Membership> {
  const existing = await requireMembership(db, caseId, userId);
  await db
    .updateTable('memberships')
    .set({ cleared: cleared ? 1 : 0 })
    .where('case_id', '=', caseId)
    .where('user_id', '=', existing.userId)
    .execute();
  return { ...existing, cleared };
}

/** Removes a user from a case. */
export async function removeMembership(db: Kysely<Database>, caseId: string, userId: string): Promise<void> {
  const existing = await requireMembership(db, caseId, userId);
  await db
    .deleteFrom('memberships')
    .where('case_id', '=', caseId)
    .where('user_id', '=', existing.userId)
    .execute();
}

/** A user's membership of a case, or undefined. */
export async function getMembership(
  db: Kysely<Database>,
  caseId: string,
  userId: string,
): Promise<Membership | undefined> {
  const row = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .selectAll('memberships')
    .select('users.name as user_name')
    .where('memberships.case_id', '=', caseId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
  return row === undefined ? undefined : toMembership(row);
}

async function requireMembership(db: Kysely<Database>, caseId: string, idOrName: string): Promise<Membership> {
  const user = await requireUser(db, idOrName);
  const membership = await getMembership(db, caseId, user.id);
  if (membership === undefined) throw new CorroborateError('not_found', `${user.name} is not a member of case ${caseId}`);
  return membership;
}

/** Everyone on a case, by name. */
export async function listMemberships(db: Kysely<Database>, caseId: string): Promise<readonly Membership[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .selectAll('memberships')
    .select('users.name as user_name')
    .where('memberships.case_id', '=', caseId)
    .orderBy('users.name')
    .execute();
  return rows.map(toMembership);
}

/** Every case a user belongs to. */
export async function membershipsOfUser(db: Kysely<Database>, userId: string): Promise<readonly Membership[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .selectAll('memberships')
    .select('users.name as user_name')
    .where('memberships.user_id', '=', userId)
    .orderBy('memberships.case_id')
    .execute();
  return rows.map(toMembership);
}
