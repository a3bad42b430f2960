import { verifyStore } from '../../store/custody.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate verify [--db PATH] [--json]

Checks the whole record offline: re-hashes every stored original and every source's text, recomputes
every custody log entry and the Merkle tree, and checks each checkpoint's root and Ed25519 signature
against the key in CORROBORATE_HOME. Prints OK with counts, or one line per problem naming the exact
source, log entry or checkpoint; the exit code is 1 when anything is wrong.

Options:
  --db PATH   database (default CORROBORATE_DB or ./corroborate.db)
  --json      print the report as JSON
`;

/** `corroborate verify`: verify originals, texts, the custody log and its signed checkpoints. */
export const verifyCommand: Command = {
  name: 'verify',
  describe: 'verify every original, text, custody log entry and signed checkpoint',
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const { values } = parseCommandArgs(args, USAGE, {
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    return withStore(deps, values.db, async (store) => {
      const report = await verifyStore(store, deps.config.home);
      if (values.json) {
        deps.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return report.ok ? 0 : 1;
      }
      const { originals, sources, entries, checkpoints } = report.counts;
      const counts = `${originals} originals, ${sources} sources, ${entries} log entries, ${checkpoints} checkpoints`;
      if (report.ok) {
        const unsigned =
          report.unsigned > 0 ? ` (${report.unsigned} newest entries not yet in a checkpoint)` : '';
        deps.stdout.write(`OK: ${counts} verified${unsigned}\n`);
        return 0;
      }
      for (const problem of report.problems) deps.stdout.write(`${problem.message}\n`);
      deps.stderr.write(
        `verify: ${report.problems.length} problem(s) found in ${store.location} (${counts})\n`,
      );
      if (report.problems.some((p) => p.message.includes('not a trusted key'))) {
        deps.stderr.write(
          `verify: checkpoints are checked against the key in ${deps.config.home} (CORROBORATE_HOME)\n`,
        );
      }
      return 1;
    });
  },
};
