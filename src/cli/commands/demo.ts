import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CorroborateError } from '../../errors.ts';
import type { Store } from '../../store/index.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';
import { failedAny, runIngest, summaryLine } from './ingest.ts';

/** The repository root (this file is src/cli/commands/demo.ts). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The case the demo captures into. */
export const DEMO_CASE = 'sample';

/** Folders the demo ingests when present: the bundled fictional sample case, then the shared seed corpus. */
export function demoInputs(root: string = ROOT): string[] {
  return [join(root, 'samples', 'sample-case'), join(root, '..', 'shared', 'corpus', 'seed')].filter((p) =>
    existsSync(p),
  );
}

/** The account the demo signs in with; created once with a random password that is printed once. */
export const DEMO_USER = 'demo';

const USAGE = `Usage: corroborate demo [--db PATH] [--serve] [--host 127.0.0.1] [--port 8080]

Captures the bundled fictional sample case (samples/sample-case/) and, when present, the shared seed
corpus (../shared/corpus/seed/) into case '${DEMO_CASE}' of the database, then prints what was captured.
Running it again records new captures of the same sources; it never duplicates them.

With --serve ('npm start' runs 'demo --serve') it then serves the web workspace on loopback. The first
time, it creates the administrator '${DEMO_USER}' with a random password and prints it once; there is no
default password. Reset it with 'corroborate user passwd ${DEMO_USER}'.
`;

/** `corroborate demo`: ingest the sample case and show what was captured. */
export const demoCommand: Command = {
  name: 'demo',
  describe: `capture the bundled fictional sample case into case '${DEMO_CASE}' and show it`,
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const { values } = parseCommandArgs(args, USAGE, {
      db: { type: 'string' },
      serve: { type: 'boolean', default: false },
      host: { type: 'string' },
      port: { type: 'string' },
    });
    // Short relative paths when the demo runs from inside the repository, absolute ones otherwise.
    const inputs = demoInputs().map((p) => {
      const rel = relative(deps.cwd, p);
      return rel === '' ? '.' : rel.startsWith('..') ? p : rel;
    });
    if (inputs.length === 0)
      throw new CorroborateError('not_found', `no sample case found under ${ROOT}/samples/sample-case`);
    return withStore(deps, values.db, async (store) => {
      deps.stdout.write(
        `Corroborate demo: capturing ${inputs.join(' and ')} into case '${DEMO_CASE}' of ${store.location}\n`,
      );
      deps.stdout.write(
        '(The sample case is fiction written for testing; see samples/sample-case/README.md.)\n\n',
      );
      const summary = await runIngest(
        store,
        { inputs, caseName: DEMO_CASE, overrides: {}, allowPrivate: false, json: false },
        deps,
      );
      deps.stdout.write(`\n${summaryLine(summary, DEMO_CASE, store.location)}\n`);
      const db = values.db === undefined ? '' : ` --db ${values.db}`;
      if (!values.serve) {
        deps.stdout.write(
          `\nNext: 'corroborate sources --case ${DEMO_CASE}${db}' lists them, 'corroborate verify${db}' checks the custody log.\n`,
        );
        return failedAny(summary) ? 1 : 0;
      }
      await serveDemo(store, deps, { host: values.host, port: values.port ?? '8080' });
      return failedAny(summary) ? 1 : 0;
    });
  },
};

/** Makes sure the demo administrator exists; returns the new password when it was just created. */
async function ensureDemoUser(store: Store): Promise<string | null> {
  const { createUser, findUser } = await import('../../store/accounts.ts');
  if ((await findUser(store.db, DEMO_USER)) !== undefined) return null;
  const password = randomBytes(15).toString('base64url');
  await createUser(store.db, { name: DEMO_USER, password, admin: true });
  return password;
}

/** Serves the workspace on the demo database until Ctrl-C (or SIGTERM). */
async function serveDemo(
  store: Store,
  deps: CliDeps,
  options: { readonly host: string | undefined; readonly port: string },
): Promise<void> {
  const port = Number(options.port);
  if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new CorroborateError('bad_request', `--port ${options.port}: not a port number`);
  }
  const password = await ensureDemoUser(store);
  const { startServer } = await import('../../server.ts');
  const server = await startServer({
    store,
    config: deps.config,
    env: process.env,
    overrides: { port, ...(options.host === undefined ? {} : { host: options.host }) },
  });
  deps.stdout.write(`\nWorkspace: ${server.url}/  (API docs: ${server.url}/api/docs)\n`);
  deps.stdout.write(
    password === null
      ? `Sign in as '${DEMO_USER}' with the password printed when it was created (reset: corroborate user passwd ${DEMO_USER}).\n`
      : `Sign in as '${DEMO_USER}' with password ${password}  (shown once; change it with: corroborate user passwd ${DEMO_USER})\n`,
  );
  deps.stdout.write('Press Ctrl-C to stop.\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
}
