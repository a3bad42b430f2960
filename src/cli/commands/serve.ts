import cluster, { type Worker } from 'node:cluster';
import { CorroborateError } from '../../errors.ts';
import { startServer } from '../../server.ts';
import { parseCommandArgs } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate serve [--host 127.0.0.1] [--port 8080] [--db PATH] [--workers N]

Serves the HTTP API under /api/ and the web workspace at /. Binds to loopback unless told otherwise;
another address needs TLS (CORROBORATE_TLS_CERT + CORROBORATE_TLS_KEY) or a TLS reverse proxy
(CORROBORATE_BEHIND_TLS_PROXY=1). See docs/API.md. Create the first account with
'corroborate user add NAME --admin'. Stops on Ctrl-C.

--workers N   serve from N processes sharing the port (node:cluster), e.g. one per CPU; sessions, rate
              limits and lockouts live in the database, so any process can answer any request.
`;

/** Most server processes one `serve` starts. */
const MAX_WORKERS = 64;

interface ListeningMessage {
  readonly corroborate: 'listening';
  readonly url: string;
}

function isListening(message: unknown): message is ListeningMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as ListeningMessage).corroborate === 'listening'
  );
}

function stopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/**
 * The primary of `serve --workers N`: migrates the store once, forks N workers (each runs this command and
 * serves the shared port with its own store connection and caches), replaces a worker that dies, and stops
 * them all on SIGINT / SIGTERM.
 */
async function runPrimary(workers: number, db: string | undefined, deps: CliDeps): Promise<number> {
  await (await deps.openStore(db)).close();
  let stopping = false;
  const fork = (): Worker => cluster.fork();
  let url: string | undefined;
  const listening = new Promise<string>((resolve, reject) => {
    let ready = 0;
    cluster.on('message', (_worker, message: unknown) => {
      if (isListening(message)) {
        url = message.url;
        if (++ready === workers) resolve(message.url);
      }
    });
    cluster.on('exit', (worker, code) => {
      if (stopping) return;
      if (url === undefined) {
        reject(
          new CorroborateError('config', `a server process exited (${code ?? 'signal'}) before listening`),
        );
        return;
      }
      deps.stderr.write(
        `corroborate: server process ${worker.process.pid ?? '?'} exited (${code ?? 'signal'}); starting another\n`,
      );
      fork();
    });
  });
  for (let i = 0; i < workers; i++) fork();
  const stop = stopSignal().then(() => {
    stopping = true;
  });
  try {
    const served = await Promise.race([listening, stop.then(() => undefined)]);
    if (served !== undefined) {
      deps.stderr.write(
        `corroborate: serving ${served} from ${workers} processes (API docs at ${served}/api/docs)\n`,
      );
      await stop;
    }
  } finally {
    stopping = true;
    const all = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      all.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
  }
  return 0;
}

/** `corroborate serve`: run the API and web workspace until interrupted. */
export const serveCommand: Command = {
  name: 'serve',
  describe: 'serve the HTTP API and web workspace (loopback by default)',
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const { values } = parseCommandArgs(args, USAGE, {
      host: { type: 'string' },
      port: { type: 'string' },
      db: { type: 'string' },
      workers: { type: 'string' },
    });
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
      throw new CorroborateError('bad_request', `--port ${values.port}: not a port number`);
    }
    const workers = values.workers === undefined ? 1 : Number(values.workers);
    if (!(Number.isInteger(workers) && workers >= 1 && workers <= MAX_WORKERS)) {
      throw new CorroborateError(
        'bad_request',
        `--workers ${values.workers}: a whole number from 1 to ${MAX_WORKERS}`,
      );
    }
    if (workers > 1 && cluster.isPrimary) return runPrimary(workers, values.db, deps);
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
      if (cluster.isWorker) {
        process.send?.({ corroborate: 'listening', url: server.url } satisfies ListeningMessage);
      } else {
        deps.stderr.write(`corroborate: serving ${server.url} (API docs at ${server.url}/api/docs)\n`);
      }
      await stopSignal();
      await server.close();
      return 0;
    } finally {
      await store.close();
      // A worker's channel to the primary would keep it running after its server has closed.
      if (cluster.isWorker) process.disconnect();
    }
  },
};
