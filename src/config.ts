import { z } from 'zod';
import { CorroborateError } from './errors.ts';

/**
 * Settings read from the environment, parsed once into a frozen object. Every field is documented here;
 * a bad value names itself and the process exits non-zero. Command-line flags override these.
 */
const ConfigSchema = z.object({
  /** Database: a SQLite file path (default `./corroborate.db`) or a `postgres://` URL. Env: CORROBORATE_DB. */
  db: z.string().min(1).default('./corroborate.db'),
  /** Folder for the custody signing key (`custody.key`, mode 0600). Env: CORROBORATE_HOME. */
  home: z.string().min(1).default('./.corroborate'),
  /** Who the CLI records as the actor in the custody log. Env: CORROBORATE_ACTOR (default `cli:$USER`). */
  actor: z.string().min(1),
  /** Largest original accepted, in bytes. Env: CORROBORATE_MAX_BYTES (default 50 MiB). */
  maxBytes: z.coerce.number().int().positive().default(50 * 1024 * 1024),
});

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

/** Parses the environment into a frozen {@link Config}; throws a `config` error naming the bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = ConfigSchema.safeParse({
    db: env.CORROBORATE_DB || undefined,
    home: env.CORROBORATE_HOME || undefined,
    actor: env.CORROBORATE_ACTOR || `cli:${env.USER ?? 'unknown'}`,
    maxBytes: env.CORROBORATE_MAX_BYTES || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'config';
    throw new CorroborateError('config', `invalid setting ${name}: ${issue?.message ?? 'invalid'}`);
  }
  return Object.freeze(parsed.data);
}
