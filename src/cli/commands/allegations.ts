import {
  listAllegations,
  parseStatusFilter,
  rebuildAllegations,
  type AllegationSummary,
} from '../../store/allegations.ts';
import { requireCase } from '../../store/cases.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate allegations [--case NAME] [--status S] [--rebuild] [--db PATH] [--json]

Lists a case's allegations, oldest first, with their computed status: single-origin claim,
multiple independent origins or independently corroborated, and the disputed / not confirmed flags.

Options:
  --case NAME   the case (default: default)
  --status S    only allegations with this status: single-origin, multiple-origins,
                independently-corroborated, disputed or not-confirmed
  --rebuild     recluster the whole case from its stored extractions first
  --db PATH     database file or postgres:// URL
  --json        print a JSON array
`;

function flags(a: AllegationSummary): string {
  return [a.statusLabel, a.disputed ? 'disputed' : null, a.notConfirmed ? 'not confirmed' : null]
    .filter((x) => x !== null)
    .join(', ');
}

/** `corroborate allegations`: list a case's allegations with their status. */
export const allegationsCommand: Command = {
  name: 'allegations',
  describe: "list a case's allegations with their corroboration status",
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const { values } = parseCommandArgs(args, USAGE, {
      case: { type: 'string', default: 'default' },
      status: { type: 'string' },
      rebuild: { type: 'boolean', default: false },
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    if (values.status !== undefined) parseStatusFilter(values.status);
    return withStore(deps, values.db, async (store) => {
      const found = await requireCase(store.db, values.case);
      if (values.rebuild) {
        const report = await rebuildAllegations(store, found.id, { actor: deps.config.actor });
        if (!values.json)
          deps.stderr.write(
            `Rebuilt: ${report.sources} sources, ${report.units} attributions, ${report.allegations.length} allegations\n`,
          );
      }
      const items: AllegationSummary[] = [];
      let cursor: string | null = null;
      do {
        const page = await listAllegations(store.db, {
          caseId: found.id,
          ...(values.status === undefined ? {} : { status: values.status }),
          cursor,
          limit: 500,
        });
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      if (values.json) {
        deps.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
        return 0;
      }
      if (items.length === 0) {
        deps.stdout.write(
          `No allegations in case '${found.name}'${values.status === undefined ? '' : ` with status ${values.status}`}.\n`,
        );
        return 0;
      }
      for (const a of items) {
        const statement = a.statement.replace(/\s+/gu, ' ');
        deps.stdout.write(
          `${a.id}  ${a.eventType ?? 'unclassified'}  [${flags(a)}]  ${a.summary}${a.decision === null ? '' : `  decision: ${a.decision}`}\n`,
        );
        deps.stdout.write(`    ${statement.length > 150 ? `${statement.slice(0, 149)}…` : statement}\n`);
      }
      deps.stdout.write(`${items.length} allegation${items.length === 1 ? '' : 's'}\n`);
      return 0;
    });
  },
};
