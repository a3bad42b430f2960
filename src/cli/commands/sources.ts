import { CorroborateError } from '../../errors.ts';
import { listSources, requireCase, type SourceSummary } from '../../store/index.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate sources [--case NAME] [--limit N] [--db PATH] [--json]

Lists captured sources in capture order (all cases unless --case is given).

Options:
  --case NAME   only this case's sources
  --limit N     at most N sources (default: all)
  --db PATH     database file or postgres:// URL
  --json        print a JSON array
`;

/** `corroborate sources`: list captured sources. */
export const sourcesCommand: Command = {
  name: 'sources',
  describe: 'list captured sources',
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const { values } = parseCommandArgs(args, USAGE, {
      case: { type: 'string' },
      limit: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const limit = values.limit === undefined ? Infinity : Number(values.limit);
    if (!(limit >= 1) || (Number.isFinite(limit) && !Number.isInteger(limit))) {
      throw new CorroborateError(
        'bad_request',
        `--limit ${values.limit ?? ''}: must be a whole number of at least 1`,
      );
    }
    return withStore(deps, values.db, async (store) => {
      const caseId = values.case === undefined ? undefined : (await requireCase(store.db, values.case)).id;
      const sources: SourceSummary[] = [];
      let cursor: string | null = null;
      do {
        const page = await listSources(store.db, {
          ...(caseId === undefined ? {} : { caseId }),
          cursor,
          limit: 500,
        });
        sources.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null && sources.length < limit);
      const shown = sources.slice(0, Number.isFinite(limit) ? limit : undefined);
      if (values.json) {
        deps.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
        return 0;
      }
      if (shown.length === 0) {
        deps.stdout.write(`No sources${values.case === undefined ? '' : ` in case '${values.case}'`}.\n`);
        return 0;
      }
      for (const s of shown) {
        const facts = [s.language, s.published ?? '—', s.kind].join('  ');
        const label = [s.outlet, s.title].filter((v) => v !== null).join(' — ') || s.sha256.slice(0, 16);
        deps.stdout.write(`${s.id}  ${facts}  ${label}\n`);
      }
      deps.stdout.write(`${shown.length} source${shown.length === 1 ? '' : 's'}\n`);
      return 0;
    });
  },
};
