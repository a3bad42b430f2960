import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import { createApp, loadApiConfig, usesTls, type ApiConfig } from './api/index.ts';
import type { Config } from './config.ts';
import { CorroborateError } from './errors.ts';
import { countAdmins } from './store/accounts.ts';
import { appendCustody } from './store/custody.ts';
import type { Store } from './store/index.ts';

/** Fields pino must never write, whatever a log call passes. */
export const LOG_REDACT_PATHS: readonly string[] = [
  'password',
  '*.password',
  'token',
  '*.token',
  'csrfToken',
  '*.csrfToken',
  'headers.cookie',
  'headers.authorization',
  '*.headers.cookie',
  '*.headers.authorization',
];

/**
 * The structured logger of the server: JSON lines on stdout, secrets censored. Stdout is written
 * asynchronously in 4 KiB batches (one write per request would cost more than many requests), flushed when
 * the server closes and, by pino, when the process exits.
 */
export function createLogger(level: ApiConfig['logLevel'], destination?: NodeJS.WritableStream): Logger {
  const options = { level, redact: { paths: [...LOG_REDACT_PATHS], censor: '[secret]' }, base: { app: 'corroborate' } };
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false, minLength: 4096 }));
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** A running server. */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The composition root of `corroborate serve`: parses API settings (flags over environment), refuses to
 * bind beyond loopback without TLS or a declared TLS proxy, wires store, logger and custody into the app,
 * and listens (HTTPS when a certificate is configured).
 */
export async function startServer(
  input: {
    readonly store: Store;
    readonly config: Config;
    readonly env: NodeJS.ProcessEnv;
    readonly overrides?: Partial<ApiConfig>;
    readonly logDestination?: NodeJS.WritableStream;
  },
): Promise<RunningServer> {
  const apiConfig = loadApiConfig(input.env, input.overrides);
  if (!isLoopback(apiConfig.host) && !usesTls(apiConfig)) {
    throw new CorroborateError(
      'config',
      `refusing to bind ${apiConfig.host} without TLS: set CORROBORATE_TLS_CERT and CORROBORATE_TLS_KEY, or put a TLS reverse proxy in front and set CORROBORATE_BEHIND_TLS_PROXY=1 (see docs/API.md)`,
    );
  }
  const logger = createLogger(apiConfig.logLevel, input.logDestination);
  const { store } = input;
  if ((await countAdmins(store.db)) === 0) {
    logger.warn("no administrator yet: create one with 'corroborate user add NAME --admin'");
  }
  const app = createApp({
    store,
    config: apiConfig,
    logger,
    keyDir: input.config.home,
    custody: async (record) => {
      await appendCustody(store.db, store.dialect, record);
    },
  });
  const tls =
    apiConfig.tlsCert !== undefined && apiConfig.tlsKey !== undefined
      ? { cert: readFileSync(apiConfig.tlsCert), key: readFileSync(apiConfig.tlsKey) }
      : undefined;
  const server = serve({
    fetch: app.fetch,
    hostname: apiConfig.host,
    port: apiConfig.port,
    ...(tls === undefined ? {} : { createServer: createHttpsServer, serverOptions: tls }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', (error: Error) =>
      reject(new CorroborateError('config', `cannot listen on ${apiConfig.host}:${apiConfig.port}: ${error.message}`)),
    );
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${tls === undefined ? 'http' : 'https'}://${host}:${address.port}`;
  logger.info({ url }, 'listening');
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          logger.flush();
          resolve();
        });
      }),
  };
}
