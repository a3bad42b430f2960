import { z } from 'zod';
import { CorroborateError } from '../errors.ts';
import {
  DEFAULT_HASH_PARAMS,
  DEFAULT_LOGIN_POLICY,
  type HashParams,
  type LoginPolicy,
} from '../store/accounts.ts';

/**
 * Settings of `corroborate serve`, parsed once from the environment (flags override host and port) into a
 * frozen object. A bad value names itself. Secrets (TLS key) are paths, never values, and are never logged.
 */
const ApiConfigSchema = z.object({
  /** Address to bind. Loopback by default; anything else is an explicit choice. Env: CORROBORATE_HOST. */
  host: z.string().min(1).default('127.0.0.1'),
  /** Port to listen on. Env: CORROBORATE_PORT. */
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  /** PEM certificate and key paths for TLS. Both or neither. Env: CORROBORATE_TLS_CERT, CORROBORATE_TLS_KEY. */
  tlsCert: z.string().min(1).optional(),
  tlsKey: z.string().min(1).optional(),
  /**
   * Set when a TLS-terminating reverse proxy sits in front: cookies get `Secure` and the client address is
   * read from X-Forwarded-For. Env: CORROBORATE_BEHIND_TLS_PROXY=1.
   */
  behindTlsProxy: z.boolean().default(false),
  /** Session lifetime in hours. Env: CORROBORATE_SESSION_HOURS (default 12). */
  sessionHours: z.coerce.number().positive().max(24 * 30).default(12),
  /** Largest upload accepted per request, in bytes. Env: CORROBORATE_MAX_UPLOAD (default 50 MiB). */
  maxUploadBytes: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  /** Folder of the built web workspace served at `/`. Env: CORROBORATE_WEB_ROOT (default ./web/dist). */
  webRoot: z.string().min(1).default('./web/dist'),
  /**
   * Memory for finished JSON responses of case reads, reused until anything is written to the store (SQLite
   * only; see docs/API.md, "Speed"). 0 turns it off. Env: CORROBORATE_RESPONSE_CACHE_MB (default 64).
   */
  responseCacheMb: z.coerce.number().min(0).max(4096).default(64),
  /** Log level for pino. Env: CORROBORATE_LOG_LEVEL (default info). */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Parsed API settings plus the argon2 and login-throttle parameters (defaults; tests may lower them). */
export type ApiConfig = Readonly<z.infer<typeof ApiConfigSchema>> & {
  readonly hash: HashParams;
  readonly login: LoginPolicy;
};

/** Parses API settings from the environment and overrides; throws a `config` error naming the bad one. */
export function loadApiConfig(env: NodeJS.ProcessEnv, overrides: Partial<ApiConfig> = {}): ApiConfig {
  const parsed = ApiConfigSchema.safeParse({
    host: env.CORROBORATE_HOST || undefined,
    port: env.CORROBORATE_PORT || undefined,
    tlsCert: env.CORROBORATE_TLS_CERT || undefined,
    tlsKey: env.CORROBORATE_TLS_KEY || undefined,
    behindTlsProxy: env.CORROBORATE_BEHIND_TLS_PROXY === '1' || env.CORROBORATE_BEHIND_TLS_PROXY === 'true',
    sessionHours: env.CORROBORATE_SESSION_HOURS || undefined,
    maxUploadBytes: env.CORROBORATE_MAX_UPLOAD || undefined,
    webRoot: env.CORROBORATE_WEB_ROOT || undefined,
    logLevel: env.CORROBORATE_LOG_LEVEL || undefined,
    responseCacheMb: env.CORROBORATE_RESPONSE_CACHE_MB || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CorroborateError('config', `invalid setting ${issue?.path.join('.') ?? 'api'}: ${issue?.message ?? ''}`);
  }
  const config = { ...parsed.data, hash: DEFAULT_HASH_PARAMS, login: DEFAULT_LOGIN_POLICY, ...overrides };
  if ((config.tlsCert === undefined) !== (config.tlsKey === undefined)) {
    throw new CorroborateError('config', 'invalid setting tls: set both CORROBORATE_TLS_CERT and CORROBORATE_TLS_KEY');
  }
  return Object.freeze(config);
}

/** True when cookies must be `Secure`: the server terminates TLS itself or sits behind a TLS proxy. */
export function usesTls(config: ApiConfig): boolean {
  return config.tlsCert !== undefined || config.behindTlsProxy;
}
