import { EXTRACTOR_VERSION } from '../../extract/index.ts';
import { processSources } from '../../pipeline/index.ts';
import { requireCase } from '../../store/cases.ts';
import { sourcesNeedingExtraction } from '../../store/extractions.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate reextract [--case NAME] [--all] [--db PATH] [--json]

Re-runs extraction (extractor ${EXTRACTOR_VERSION}) for the sources whose current extraction was made by
another extractor version or that have none, then re-attaches them to allegations. Earlier runs are kept;
review decisions carry over to attributions whose spans are unchanged. Prints one line per source.

Options:
  --case NAME   only this case's sources (default: every case)
  --all         re-extract every source, even those already up to date
  --db PATH     database file or postgres:// URL
  --json        print a JSON array of per-source results
`;

/** `corroborate reextract`: bring stored extractions up to the current extractor version. */
export const reextractCommand: Command = {
  name: 'reextract',
  describe: 're-run extraction on sources with an older extractor version (versioned, reviews kept)',
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const { values } = parseCommandArgs(args, USAGE, {
      case: { type: 'string' },
      all: { type: 'boolean', default: false },
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    return withStore(deps, values.db, async (store) => {
      const caseId = values.case === undefined ? null : (await requireCase(store.db, values.case)).id;
      let ids: readonly string[];
      if (values.all) {
        let query = store.db.selectFrom('sources').select('id').orderBy('id');
        if (caseId !== null) query = query.where('case_id', '=', caseId);
        ids = (await query.execute()).map((r) => r.id);
      } else {
        ids = await sourcesNeedingExtraction(store.db, { caseId, extractorVersion: EXTRACTOR_VERSION });
      }
      const results = await processSources(store, ids, { actor: deps.config.actor, force: values.all });
      if (values.json) {
        deps.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      } else {
        for (const r of results) {
          if (r.status === 'ok' && r.value !== undefined) {
            const carried =
              r.value.carriedReviews > 0 ? `, ${r.value.carriedReviews} reviews carried over` : '';
            deps.stdout.write(
              `ok       ${r.id}  ${r.value.attributions} attributions (run ${r.value.runId}${carried})\n`,
            );
          } else if (r.status === 'skipped') {
            deps.stdout.write(`skipped  ${r.id}  already extracted by ${EXTRACTOR_VERSION}\n`);
          } else {
            deps.stdout.write(`error    ${r.id}  ${r.error ?? 'failed'}\n`);
          }
        }
        const count = (s: string): number => results.filter((r) => r.status === s).length;
        deps.stdout.write(
          `${ids.length === 0 ? 'Nothing to re-extract: every source is up to date. ' : ''}` +
            `${count('ok')} re-extracted, ${count('skipped')} skipped, ${count('error')} failed (extractor ${EXTRACTOR_VERSION})\n`,
        );
      }
      return results.some((r) => r.status === 'error') ? 1 : 0;
    });
  },
};
