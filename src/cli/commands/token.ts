import { CorroborateError } from '../../errors.ts';
import { createApiToken, listApiTokens, requireUser, revokeApiToken } from '../../store/accounts.ts';
import { requireCase } from '../../store/cases.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate token create USER NAME [--case CASE]... [--write] [--expires ISO-DATE] [--db PATH]
       corroborate token list [USER] [--json] [--db PATH]
       corroborate token revoke TOKEN-ID [--db PATH]

API tokens for scripts (send as 'Authorization: Bearer TOKEN'). A token is read-only unless --write, and
reaches every case of its user unless limited with --case. The token is printed once; only its hash is kept.
`;

/** `corroborate token`: create, list and revoke API tokens. */
export const tokenCommand: Command = {
  name: 'token',
  describe: 'create, list and revoke API tokens for scripts',
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const parsed = parseCommandArgs(
      args,
      USAGE,
      {
        case: { type: 'string', multiple: true },
        write: { type: 'boolean', default: false },
        expires: { type: 'string' },
        json: { type: 'boolean', default: false },
        db: { type: 'string' },
      },
      true,
    );
    const { values, positionals } = parsed;
    const [action, first, second] = positionals;
    return withStore(deps, values.db, async (store) => {
      switch (action) {
        case 'create': {
          if (first === undefined || second === undefined)
            throw new CorroborateError('bad_request', `token create: USER and NAME\n${USAGE}`);
          const user = await requireUser(store.db, first);
          const cases =
            values.case === undefined
              ? null
              : await Promise.all(values.case.map(async (c) => (await requireCase(store.db, c)).id));
          let expiresAt: string | null = null;
          if (values.expires !== undefined) {
            const at = new Date(values.expires);
            if (Number.isNaN(at.getTime()))
              throw new CorroborateError('invalid_input', `--expires ${values.expires}: not a date`);
            expiresAt = at.toISOString();
          }
          const created = await createApiToken(store.db, {
            userId: user.id,
            name: second,
            cases,
            permission: values.write ? 'write' : 'read',
            expiresAt,
          });
          deps.stderr.write(
            `token ${created.record.id} for ${user.name} (${created.record.permission}); shown once:\n`,
          );
          deps.stdout.write(`${created.token}\n`);
          return 0;
        }
        case 'list': {
          const user = first === undefined ? undefined : await requireUser(store.db, first);
          const tokens = await listApiTokens(store.db, user?.id);
          if (values.json) deps.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
          else {
            for (const t of tokens) {
              const scope = t.cases === null ? 'all cases' : t.cases.join(',');
              deps.stdout.write(
                `${t.id}  ${t.name}  ${t.permission}  ${scope}${t.revokedAt === null ? '' : '  revoked'}\n`,
              );
            }
          }
          return 0;
        }
        case 'revoke': {
          if (first === undefined)
            throw new CorroborateError('bad_request', `token revoke: TOKEN-ID\n${USAGE}`);
          const t = await revokeApiToken(store.db, first);
          deps.stdout.write(`revoked ${t.id}\n`);
          return 0;
        }
        default:
          throw new CorroborateError('bad_request', `token: say what to do\n${USAGE}`);
      }
    });
  },
};
