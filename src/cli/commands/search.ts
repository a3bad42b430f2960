import { CorroborateError } from '../../errors.ts';
import { listCases, requireCase } from '../../store/cases.ts';
import { type SearchHit, type SearchKind, search } from '../../store/search.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate search QUERY... [--case NAME] [--kind source|attribution] [--limit N] [--db PATH] [--json]

Full-text search over captured sources and extracted attributions, best matches first, with the matched
words highlighted. All words must match (stemmed: "deny" finds "denied"); "quoted words" match as a phrase.

Options:
  --case NAME   only this case (default: every case)
  --kind K      only sources or only attributions
  --limit N     at most N results (default 20, at most 500)
  --db PATH     database file or postgres:// URL
  --json        print the results as JSON
`;

/** Marks the highlighted ranges of a snippet: bold on a terminal, [brackets] otherwise. */
export function highlight(hit: Pick<SearchHit, 'snippet' | 'highlights'>, tty: boolean): string {
  // Captured text may hold terminal escapes: control characters become spaces before our own marks go in.
  const clean = (text: string): string => text.replace(/\p{Cc}/gu, ' ');
  let out = '';
  let at = 0;
  for (const [start, end] of hit.highlights) {
    out += clean(hit.snippet.slice(at, start));
    const word = clean(hit.snippet.slice(start, end));
    out += tty ? `\u001b[1m${word}\u001b[0m` : `[${word}]`;
    at = end;
  }
  return out + clean(hit.snippet.slice(at));
}

/** `corroborate search`: full-text search with highlighted snippets. */
export const searchCommand: Command = {
  name: 'search',
  describe: 'full-text search over sources and attributions, with highlighted snippets',
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const parsed = parseCommandArgs(
      args,
      USAGE,
      {
        case: { type: 'string' },
        kind: { type: 'string' },
        limit: { type: 'string', default: '20' },
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      true,
    );
    const { values, positionals } = parsed;
    const query = positionals.join(' ').trim();
    if (query.length === 0)
      throw new CorroborateError('bad_request', `search: give words to look for\n${USAGE}`);
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new CorroborateError(
        'bad_request',
        `--limit ${values.limit}: must be a whole number of at least 1`,
      );
    let kinds: SearchKind[] | undefined;
    if (values.kind !== undefined) {
      if (values.kind !== 'source' && values.kind !== 'attribution') {
        throw new CorroborateError('bad_request', `--kind ${values.kind}: use source or attribution`);
      }
      kinds = [values.kind];
    }
    return withStore(deps, values.db, async (store) => {
      const caseIds =
        values.case === undefined
          ? (await listCases(store.db)).map((c) => c.id)
          : [(await requireCase(store.db, values.case)).id];
      const page = await search(store.db, store.dialect, { caseIds, query, kinds, limit });
      if (values.json) {
        deps.stdout.write(`${JSON.stringify(page.items, null, 2)}\n`);
        return 0;
      }
      if (page.items.length === 0) {
        deps.stdout.write(`No matches for ${JSON.stringify(query)}.\n`);
        return 0;
      }
      const tty = deps.stdout.isTTY === true;
      for (const hit of page.items) {
        if (hit.kind === 'source') {
          deps.stdout.write(`source       ${hit.id}  ${hit.title ?? ''}\n`);
        } else {
          const a = hit.attribution;
          deps.stdout.write(
            `attribution  ${hit.id}  ${a?.speaker ?? '(no source)'} — ${a?.cue ?? ''} [${a?.stance ?? ''}, ${a?.reviewStatus ?? ''}]  in ${hit.sourceId}\n`,
          );
        }
        deps.stdout.write(`    ${highlight(hit, tty)}\n`);
      }
      deps.stdout.write(
        `${page.items.length} result${page.items.length === 1 ? '' : 's'}${page.nextCursor === null ? '' : ' (more: raise --limit)'}\n`,
      );
      return 0;
    });
  },
};
