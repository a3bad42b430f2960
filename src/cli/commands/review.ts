import { CorroborateError } from '../../errors.ts';
import type { Stance } from '../../extract/types.ts';
import { findCaseActor } from '../../store/actors.ts';
import { DEFAULT_CASE, requireCase } from '../../store/cases.ts';
import {
  getAttribution,
  listAttributions,
  type ReviewStatus,
  type StoredAttribution,
} from '../../store/extractions.ts';
import {
  type AttributionEdit,
  listReviews,
  type ReviewAction,
  reviewAttribution,
  type SpanEdit,
} from '../../store/reviews.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate review ATTRIBUTION_ID ACTION [options] [--rationale TEXT] [--db PATH] [--json]
       corroborate review list [--case NAME] [--status pending|accepted|edited|rejected] [--source ID] [--limit N]

Records an analyst's decision on an extracted attribution. The extracted original is always kept; every
decision is stored with its rationale and logged in the custody log, and the source's allegations are
updated (a rejected attribution no longer counts).

Actions:
  list                           the case's current attributions to review (default: pending ones)
  show                           print the attribution, its original and its review history
  accept                         the attribution is right as it is
  reject                         the attribution is wrong (kept, marked rejected)
  edit [--source S-E|none] [--cue S-E] [--content S-E[,S-E...]] [--stance STANCE]
                                 correct spans (UTF-16 offsets into the source text, end exclusive;
                                 their text is read from the source) or the stance
  reattribute --speaker ACTOR    the statement is someone else's (a case actor id or name)

Options:
  --case NAME        list: the case (default 'default')
  --status S         list: pending (default), accepted, edited, rejected or all
  --source ID        list: one source's attributions only
  --limit N          list: at most N (default 50)
  --rationale TEXT   why (recommended for every decision)
  --db PATH          database file or postgres:// URL
  --json             print the result as JSON
`;

const STANCES: readonly Stance[] = ['assert', 'allege', 'confirm', 'not_confirmed', 'deny', 'hedge'];

/** Parses "12-40" into a span edit; names the flag in the error. */
export function parseSpan(flag: string, value: string): SpanEdit {
  const match = /^\s*(\d+)\s*[-:]\s*(\d+)\s*$/.exec(value);
  if (match === null)
    throw new CorroborateError('bad_request', `--${flag} ${value}: write a span as START-END, e.g. 120-164`);
  return { start: Number(match[1]), end: Number(match[2]) };
}

function describeAttribution(a: StoredAttribution): string {
  const lines = [
    `${a.id}  (${a.localId} in source ${a.sourceId}, run ${a.runId}${a.current ? '' : ', replaced'})`,
    `  speaker:  ${a.source === null ? '(none)' : `${a.source.text} [${a.source.start}-${a.source.end}]`}  actor ${a.caseActorId ?? '—'}`,
    `  cue:      ${a.cue.text} [${a.cue.start}-${a.cue.end}]  stance ${a.stance}, ${a.quote}${a.channel === null ? '' : `, via ${a.channel}`}`,
    ...a.content.map((s) => `  content:  ${s.text} [${s.start}-${s.end}]`),
    `  basis:    ${a.basis.join(', ') || '—'}   confidence ${a.confidence.toFixed(2)}   review ${a.reviewStatus}`,
  ];
  return lines.join('\n');
}

const STATUSES: readonly ReviewStatus[] = ['pending', 'accepted', 'edited', 'rejected'];

/** `review list`: the case's current attributions in a review state, one block each. */
async function listForReview(
  values: { case: string; status: string; limit: string; source?: string; db?: string; json: boolean },
  deps: CliDeps,
): Promise<number> {
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new CorroborateError(
      'bad_request',
      `--limit ${values.limit}: must be a whole number of at least 1`,
    );
  if (values.status !== 'all' && !STATUSES.includes(values.status as ReviewStatus)) {
    throw new CorroborateError('bad_request', `--status ${values.status}: use ${STATUSES.join(', ')} or all`);
  }
  return withStore(deps, values.db, async (store) => {
    const kase = await requireCase(store.db, values.case);
    const items: StoredAttribution[] = [];
    let cursor: string | null = null;
    do {
      const page = await listAttributions(store.db, {
        caseId: kase.id,
        sourceId: values.source ?? null,
        reviewStatus: values.status === 'all' ? null : (values.status as ReviewStatus),
        cursor,
        limit: Math.min(500, limit - items.length),
      });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null && items.length < limit);
    if (values.json) {
      deps.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
      return 0;
    }
    for (const a of items) deps.stdout.write(`${describeAttribution(a)}\n`);
    deps.stdout.write(
      `${items.length} attribution${items.length === 1 ? '' : 's'} (${values.status}) in case '${kase.name}'${cursor === null ? '' : '; more: raise --limit'}\n`,
    );
    return 0;
  });
}

/** `corroborate review`: accept, reject, edit or reattribute an attribution. */
export const reviewCommand: Command = {
  name: 'review',
  describe: 'accept, reject, edit or reattribute an extracted attribution, with a rationale',
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const parsed = parseCommandArgs(
      args,
      USAGE,
      {
        source: { type: 'string' },
        cue: { type: 'string' },
        content: { type: 'string' },
        stance: { type: 'string' },
        speaker: { type: 'string' },
        rationale: { type: 'string' },
        case: { type: 'string', default: DEFAULT_CASE },
        status: { type: 'string', default: 'pending' },
        limit: { type: 'string', default: '50' },
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      true,
    );
    const { values, positionals } = parsed;
    if (positionals[0] === 'list' && positionals.length === 1) return listForReview(values, deps);
    const [attributionId, action, ...extra] = positionals;
    if (attributionId === undefined || action === undefined || extra.length > 0) {
      throw new CorroborateError('bad_request', `review: give an attribution id and one action\n${USAGE}`);
    }
    if (!['show', 'accept', 'reject', 'edit', 'reattribute'].includes(action)) {
      throw new CorroborateError(
        'bad_request',
        `review ${attributionId}: unknown action '${action}'; use show, accept, reject, edit or reattribute`,
      );
    }
    let edit: AttributionEdit | undefined;
    if (action === 'edit') {
      if (values.stance !== undefined && !STANCES.includes(values.stance as Stance)) {
        throw new CorroborateError(
          'bad_request',
          `--stance ${values.stance}: use one of ${STANCES.join(', ')}`,
        );
      }
      edit = {
        ...(values.source === undefined
          ? {}
          : { source: values.source === 'none' ? null : parseSpan('source', values.source) }),
        ...(values.cue === undefined ? {} : { cue: parseSpan('cue', values.cue) }),
        ...(values.content === undefined
          ? {}
          : { content: values.content.split(',').map((s) => parseSpan('content', s)) }),
        ...(values.stance === undefined ? {} : { stance: values.stance as Stance }),
      };
      if (Object.keys(edit).length === 0) {
        throw new CorroborateError(
          'bad_request',
          `review ${attributionId} edit: give --source, --cue, --content or --stance`,
        );
      }
    }
    if (action === 'reattribute' && values.speaker === undefined) {
      throw new CorroborateError('bad_request', `review ${attributionId} reattribute: give --speaker ACTOR`);
    }
    return withStore(deps, values.db, async (store) => {
      const attribution = await getAttribution(store.db, attributionId);
      if (attribution === null)
        throw new CorroborateError('not_found', `attribution ${attributionId}: no such attribution`);
      if (action === 'show') {
        const history = await listReviews(store.db, { attributionId, limit: 500 });
        if (values.json) {
          deps.stdout.write(`${JSON.stringify({ attribution, reviews: history.items }, null, 2)}\n`);
          return 0;
        }
        deps.stdout.write(`${describeAttribution(attribution)}\n`);
        for (const r of history.items) {
          deps.stdout.write(
            `  ${r.createdAt}  ${r.action} by ${r.actor}${r.rationale === null ? '' : `: ${r.rationale}`}\n`,
          );
        }
        return 0;
      }
      const caseActorId =
        action === 'reattribute'
          ? (await findCaseActor(store.db, attribution.caseId, values.speaker!)).id
          : undefined;
      const {
        review,
        attribution: after,
        allegations,
        allegationsError,
      } = await reviewAttribution(store, {
        attributionId,
        action: action as ReviewAction,
        actor: deps.config.actor,
        rationale: values.rationale ?? null,
        ...(edit === undefined ? {} : { edit }),
        ...(caseActorId === undefined ? {} : { caseActorId }),
      });
      if (allegations === 'failed') {
        deps.stderr.write(
          `review ${after.id}: recorded, but updating allegations failed: ${allegationsError ?? ''}\n`,
        );
      }
      if (values.json) {
        deps.stdout.write(`${JSON.stringify({ review, attribution: after, allegations }, null, 2)}\n`);
        return 0;
      }
      deps.stdout.write(
        `${review.action}: ${after.id} is now ${after.reviewStatus} (review ${review.id}, custody #${review.custodySeq ?? '?'})\n`,
      );
      deps.stdout.write(`${describeAttribution(after)}\n`);
      return 0;
    });
  },
};
