import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CorroborateError, errorMessage } from '../../errors.ts';
import type { CliDeps, Command } from '../command.ts';
import { failedAny, runIngest, summaryLine } from './ingest.ts';

/** The repository root (this file is src/cli/commands/demo.ts). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The case the demo captures into. */
export const DEMO_CASE = 'sample';

/** Folders the demo ingests when present: the bundled fictional sample case, then the shared seed corpus. */
export function demoInputs(root: string = ROOT): string[] {
  return [join(root, 'samples', 'sample-case'), join(root, '..', 'shared', 'corpus', 'seed')].filter((p) => existsSync(p));
}

const USAGE = `Usage: corroborate demo [--db PATH]

Captures the bundled fictional sample case (samples/sample-case/) and, when present, the shared seed
corpus (../shared/corpus/seed/) into case '${DEMO_CASE}' of the database, then prints what was captured.
Running it again records new captures of the same sources; it never duplicates them. This is what
'npm start' runs.
`;

/** `corroborate demo`: ingest the sample case and show what was captured. */
export const demoCommand: Command = {
  name: 'demo',
  describe: `capture the bundled fictional sample case into case '${DEMO_CASE}' and show it`,
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    let values;
    try {
      ({ values } = parseArgs({ args: [...args], strict: true, options: { db: { type: 'string' } } }));
    } catch (error) {
      throw new CorroborateError('bad_request', `${errorMessage(error)}\n${USAGE}`);
    }
    // Short relative paths when the demo runs from inside the repository, absolute ones otherwise.
    const inputs = demoInputs().map((p) => {
      const rel = relative(deps.cwd, p);
      return rel === '' ? '.' : rel.startsWith('..') ? p : rel;
    });
    if (inputs.length === 0) throw new CorroborateError('not_found', `no sample case found under ${ROOT}/samples/sample-case`);
    const store = await deps.openStore(values.db);
    try {
      deps.stdout.write(`Corroborate demo: capturing ${inputs.join(' and ')} into case '${DEMO_CASE}' of ${store.location}\n`);
      deps.stdout.write('(The sample case is fiction written for testing; see samples/sample-case/README.md.)\n\n');
      const summary = await runIngest(
        store,
        { inputs, caseName: DEMO_CASE, overrides: {}, allowPrivate: false, json: false },
        deps,
      );
      deps.stdout.write(`\n${summaryLine(summary, DEMO_CASE, store.location)}\n`);
      const db = values.db === undefined ? '' : ` --db ${values.db}`;
      deps.stdout.write(
        `\nNext: 'corroborate sources --case ${DEMO_CASE}${db}' lists them, 'corroborate verify${db}' checks the custody log.\n`,
      );
      return failedAny(summary) ? 1 : 0;
    } finally {
      await store.close();
    }
  },
};
