import type { Kysely } from 'kysely';
import { CorroborateError } from '../errors.ts';
import type { Database } from '../store/schema.ts';

/** Capitalised name parts of four or more letters ("Olena Kovalenko" → Olena, Kovalenko). */
export function nameParts(name: string): string[] {
  return name
    .split(/[\s,.;:()"'’-]+/u)
    .filter((w) => w.length >= 4 && /^\p{Lu}/u.test(w));
}

function sentences(text: string, limit: number): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.length >= 25)
    .slice(0, limit);
}

function parseStrings(json: string | null | undefined): string[] {
  if (json === null || json === undefined) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The texts that identify a protected object, scrubbed wherever they appear for users without clearance:
 * for a span, its text; for an actor, its names, aliases and (for people) the parts of their names; for a
 * source, its title, byline and addresses, the texts of its attributions and its sentences.
 */
export async function protectionTerms(
  db: Kysely<Database>,
  input: {
    readonly caseId: string;
    readonly kind: 'source' | 'actor' | 'span';
    readonly objectId: string;
    readonly span?: { readonly start: number; readonly end: number } | undefined;
  },
): Promise<string[]> {
  if (input.kind === 'actor') {
    const actor = await db
      .selectFrom('case_actors')
      .select(['name', 'aliases', 'type'])
      .where('id', '=', input.objectId)
      .where('case_id', '=', input.caseId)
      .executeTakeFirst();
    if (actor === undefined) throw new CorroborateError('not_found', `actor ${input.objectId} not found in case ${input.caseId}`);
    const mentions = await db
      .selectFrom('extraction_actors')
      .select(['name', 'aliases'])
      .where('case_actor_id', '=', input.objectId)
      .execute();
    const names = [actor.name, ...parseStrings(actor.aliases)];
    for (const m of mentions) names.push(m.name, ...parseStrings(m.aliases));
    const parts = actor.type === 'person' ? names.flatMap(nameParts) : [];
    return [...names, ...parts];
  }
  const source = await db
    .selectFrom('sources')
    .select(['title', 'byline', 'url', 'canonical_url', 'text'])
    .where('id', '=', input.objectId)
    .where('case_id', '=', input.caseId)
    .executeTakeFirst();
  if (source === undefined) throw new CorroborateError('not_found', `source ${input.objectId} not found in case ${input.caseId}`);
  if (input.kind === 'span') {
    const span = input.span;
    if (span === undefined || span.end > source.text.length || span.start >= span.end) {
      throw new CorroborateError(
        'invalid_input',
        `span of source ${input.objectId}: need 0 <= start < end <= ${source.text.length}`,
      );
    }
    return [source.text.slice(span.start, span.end)];
  }
  const attributions = await db
    .selectFrom('attributions')
    .select(['source_text', 'cue_text', 'content_text'])
    .where('source_id', '=', input.objectId)
    .execute();
  const terms: string[] = [source.title, source.byline, source.url, source.canonical_url].filter(
    (t): t is string => typeof t === 'string',
  );
  for (const a of attributions) {
    if (a.source_text !== null) terms.push(a.source_text);
    terms.push(...sentences(a.content_text, 20));
  }
  terms.push(...sentences(source.text, 200));
  return terms;
}
