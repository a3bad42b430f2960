import { listCases } from '../../store/index.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate cases [--db PATH] [--json]

Lists every case with how many sources it holds.
`;

/** `corroborate cases`: list cases. */
export const casesCommand: Command = {
  name: 'cases',
  describe: 'list cases and how many sources each holds',
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const { values } = parseCommandArgs(args, USAGE, {
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    return withStore(deps, values.db, async (store) => {
      const cases = await listCases(store.db);
      if (values.json) {
        deps.stdout.write(`${JSON.stringify(cases, null, 2)}\n`);
        return 0;
      }
      if (cases.length === 0) {
        deps.stdout.write(
          `No cases yet in ${store.location}. Capture something with 'corroborate ingest PATH'.\n`,
        );
        return 0;
      }
      const width = Math.max(4, ...cases.map((c) => c.name.length));
      deps.stdout.write(`${'CASE'.padEnd(width)}  SOURCES  CREATED\n`);
      for (const c of cases) {
        deps.stdout.write(
          `${c.name.padEnd(width)}  ${String(c.sources).padStart(7)}  ${c.createdAt.slice(0, 10)}\n`,
        );
      }
      return 0;
    });
  },
};
