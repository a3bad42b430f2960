import { createInterface } from 'node:readline';
import { CorroborateError } from '../../errors.ts';
import { createUser, listUsers, requireUser, setPassword, setUserDisabled } from '../../store/accounts.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate user add NAME [--admin] [--password-stdin] [--db PATH]
       corroborate user passwd NAME [--password-stdin] [--db PATH]
       corroborate user disable NAME | enable NAME [--db PATH]
       corroborate user list [--json] [--db PATH]

Manages local accounts. Passwords (12 characters or more) are prompted for without echo, or read from the
first line of standard input with --password-stdin. There is no default password; hashes are argon2id.
`;

/** Reads a password: hidden prompt on a terminal (twice), or the first line of piped input. */
async function readPassword(fromStdin: boolean, deps: CliDeps): Promise<string> {
  // The one command that reads standard input: the password never appears in argv or the environment.
  const input = process.stdin;
  if (fromStdin || input.isTTY !== true) {
    let data = '';
    for await (const chunk of input) data += String(chunk);
    const line = data.split(/\r?\n/)[0] ?? '';
    if (line === '') throw new CorroborateError('invalid_input', 'password: nothing on standard input');
    return line;
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input, output: deps.stderr, terminal: true });
      const muted = rl as unknown as { _writeToOutput: (s: string) => void };
      deps.stderr.write(prompt);
      muted._writeToOutput = () => undefined;
      rl.question('', (answer) => {
        rl.close();
        deps.stderr.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('Password: ');
  const second = await ask('Repeat password: ');
  if (first !== second) throw new CorroborateError('invalid_input', 'password: the two entries differ');
  return first;
}

/** `corroborate user`: add, list, disable/enable accounts and set passwords. */
export const userCommand: Command = {
  name: 'user',
  describe: 'manage accounts (add the first administrator with: user add NAME --admin)',
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const parsed = parseCommandArgs(
      args,
      USAGE,
      {
        admin: { type: 'boolean', default: false },
        'password-stdin': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        db: { type: 'string' },
      },
      true,
    );
    const { values, positionals } = parsed;
    const [action, name] = positionals;
    if (action === undefined || (action !== 'list' && name === undefined)) {
      throw new CorroborateError('bad_request', `user: say what to do\n${USAGE}`);
    }
    return withStore(deps, values.db, async (store) => {
      switch (action) {
        case 'add': {
          const password = await readPassword(values['password-stdin'], deps);
          const user = await createUser(store.db, { name: name ?? '', password, admin: values.admin });
          deps.stdout.write(`created ${user.admin ? 'administrator' : 'user'} ${user.name} (${user.id})\n`);
          return 0;
        }
        case 'passwd': {
          const user = await requireUser(store.db, name ?? '');
          await setPassword(store.db, user.id, await readPassword(values['password-stdin'], deps));
          deps.stdout.write(`password of ${user.name} changed; their sessions are ended\n`);
          return 0;
        }
        case 'disable':
        case 'enable': {
          const user = await requireUser(store.db, name ?? '');
          await setUserDisabled(store.db, user.id, action === 'disable');
          deps.stdout.write(`${user.name} ${action}d\n`);
          return 0;
        }
        case 'list': {
          const users = await listUsers(store.db);
          if (values.json) deps.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
          else
            for (const u of users)
              deps.stdout.write(`${u.name}${u.admin ? '  admin' : ''}${u.disabled ? '  disabled' : ''}\n`);
          return 0;
        }
        default:
          throw new CorroborateError('bad_request', `user ${action}: unknown action\n${USAGE}`);
      }
    });
  },
};
