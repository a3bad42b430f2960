import { CorroborateError } from '../../errors.ts';
import { startServer } from '../../server.ts';
import { parseCommandArgs } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate serve [--host 127.0.0.1] [--port 8080] [--db PATH]

Serves the HTTP API under /api/ and the web workspace at /. Binds to loopback unless told otherwise;
another address needs TLS (CORROBORATE_TLS_CERT + CORROBORATE_TLS_KEY) or a TLS reverse proxy
(CORROBORATE_BEHIND_TLS_PROXY=1). See docs/API.md. Create the first account with
'corroborate user add NAME --admin'. Stops on Ctrl-C.
`;

/** `corroborate serve`: run the API and web workspace until interrupted. */
export const serveCommand: Command = {
  name: 'serve',
  describe: 'serve the HTTP API and web workspace (loopback by default)',
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const { values } = parseCommandArgs(
      {
        args: [...args],
        strict: true,
        options: { host: { type: 'string' }, port: { type: 'string' }, db: { type: 'string' } },
      },
      USAGE,
    );
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
      throw new CorroborateError('bad_request', `--port ${values.port}: not a port number`);
    }
    const store = await deps.openStore(values.db);
    try {
      const server = await startServer({
        store,
        config: deps.config,
        env: process.env,
        overrides: {
          ...(values.host === undefined ? {} : { host: values.host }),
          ...(port === undefined ? {} : { port }),
        },
      });
      deps.stderr.write(`corroborate: serving ${server.url} (API docs at ${server.url}/api/docs)\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await server.close();
      return 0;
    } finally {
      await store.close();
    }
  },
};
