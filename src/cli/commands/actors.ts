import { CorroborateError } from '../../errors.ts';
import {
  type CaseActorSummary,
  findCaseActor,
  listActorMentions,
  listCaseActors,
  mergeCaseActors,
  renameCaseActor,
  splitCaseActor,
} from '../../store/actors.ts';
import { DEFAULT_CASE, requireCase } from '../../store/cases.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate actors [--case NAME] [SUBCOMMAND ...] [--rationale TEXT] [--db PATH] [--json]

The case's actor registry: one entry per person or organisation, merged across sources by name and alias.
Every edit is logged in the custody log. ACTOR is an actor id or any of its names or aliases.

Subcommands:
  (none)                                list the case's actors with how often they speak
  show ACTOR                            an actor, its aliases and the extraction mentions linked to it
  merge ACTOR OTHER                     OTHER is the same as ACTOR: move everything of OTHER to ACTOR
  split ACTOR --mentions ID[,ID...] [--name NAME]
                                        the given mentions (ids from 'show') are someone else
  rename ACTOR NAME                     give the actor a new name (the old one stays an alias)

Options:
  --case NAME        the case (default '${DEFAULT_CASE}')
  --rationale TEXT   why (recorded with the edit)
  --db PATH          database file or postgres:// URL
  --json             print JSON
`;

function line(a: CaseActorSummary): string {
  const extra = [a.type, a.role, a.affiliation].filter((v) => v !== null).join(', ');
  return `${a.id}  ${a.name} (${extra})  ${a.attributionCount} attributions, ${a.mentionCount} mentions`;
}

/** `corroborate actors`: list and edit the case actor registry. */
export const actorsCommand: Command = {
  name: 'actors',
  describe: "list a case's actors, or merge, split and rename them (custody-logged)",
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const parsed = parseCommandArgs(
      args,
      USAGE,
      {
        case: { type: 'string', default: DEFAULT_CASE },
        mentions: { type: 'string' },
        name: { type: 'string' },
        rationale: { type: 'string' },
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      true,
    );
    const { values, positionals } = parsed;
    const [sub, ...rest] = positionals;
    const want = (n: number, form: string): string[] => {
      if (rest.length !== n) throw new CorroborateError('bad_request', `actors ${form}\n${USAGE}`);
      return rest;
    };
    const out = (value: unknown, text: string): void => {
      deps.stdout.write(values.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
    };
    const by = { actor: deps.config.actor, rationale: values.rationale ?? null };
    return withStore(deps, values.db, async (store) => {
      const kase = await requireCase(store.db, values.case);
      switch (sub) {
        case undefined: {
          const all: CaseActorSummary[] = [];
          let cursor: string | null = null;
          do {
            const page = await listCaseActors(store.db, { caseId: kase.id, cursor, limit: 500 });
            all.push(...page.items);
            cursor = page.nextCursor;
          } while (cursor !== null);
          out(
            all,
            all.length === 0
              ? `No actors in case '${kase.name}'.`
              : `${all.map(line).join('\n')}\n${all.length} actors`,
          );
          return 0;
        }
        case 'show': {
          const [ref] = want(1, 'show ACTOR');
          const actor = await findCaseActor(store.db, kase.id, ref!);
          const mentions = await listActorMentions(store.db, actor.id);
          const text = [
            `${actor.id}  ${actor.name}  (${actor.type}${actor.role === null ? '' : `, ${actor.role}`}${actor.affiliation === null ? '' : `, ${actor.affiliation}`})`,
            `  aliases: ${actor.aliases.join('; ') || '—'}`,
            ...mentions.map(
              (m) =>
                `  mention ${m.id}: "${m.name}" in source ${m.sourceId} (${m.mentions.length} places in the text)`,
            ),
          ].join('\n');
          out({ actor, mentions }, text);
          return 0;
        }
        case 'merge': {
          const [a, b] = want(2, 'merge ACTOR OTHER');
          const into = await findCaseActor(store.db, kase.id, a!);
          const from = await findCaseActor(store.db, kase.id, b!);
          const merged = await mergeCaseActors(store, { ...by, into: into.id, from: from.id });
          out(
            merged,
            `merged ${from.id} (${from.name}) into ${merged.id} (${merged.name}); aliases: ${merged.aliases.join('; ')}`,
          );
          return 0;
        }
        case 'split': {
          const [a] = want(1, 'split ACTOR --mentions ID[,ID...]');
          if (values.mentions === undefined)
            throw new CorroborateError(
              'bad_request',
              `actors split: give --mentions ID[,ID...] (ids from 'actors show')`,
            );
          const actor = await findCaseActor(store.db, kase.id, a!);
          const mentions = values.mentions
            .split(',')
            .map((m) => m.trim())
            .filter((m) => m.length > 0);
          const created = await splitCaseActor(store, {
            ...by,
            actorId: actor.id,
            mentions,
            name: values.name ?? null,
          });
          out(
            created,
            `split ${mentions.length} mention(s) off ${actor.id} (${actor.name}) into ${created.id} (${created.name})`,
          );
          return 0;
        }
        case 'rename': {
          const [a, name] = want(2, 'rename ACTOR NAME');
          const actor = await findCaseActor(store.db, kase.id, a!);
          const renamed = await renameCaseActor(store, { ...by, actorId: actor.id, name: name! });
          out(renamed, `renamed ${renamed.id}: ${actor.name} → ${renamed.name}`);
          return 0;
        }
        default:
          throw new CorroborateError(
            'bad_request',
            `actors: unknown subcommand '${sub}'; use show, merge, split or rename\n${USAGE}`,
          );
      }
    });
  },
};
