/**
 * Facts of one document: actors (with each attribution's speaker), places, dates, figures and event
 * types — the contract's `actors`, `places`, `dates`, `figures` and `events` (../shared/DESIGN.md).
 * A pure function over the text and the attributions found by the attribution extractor; the only
 * data it reads is the immutable gazetteer. Never throws on any text: a failure in one part yields
 * an empty list for that part rather than losing the others.
 */
import type { Actor, Attribution, DateMention, ExtractedEvent, Figure, Place } from './types.ts';
import { defaultGazetteer, type Gazetteer } from './gazetteer.ts';
import { extractActors, unnamedPerson } from './actors.ts';
import { findPlaces, findUnresolvedPlaces, groupPlaces, type PlaceHit, type UnresolvedPlaceHit } from './places.ts';
import { findDates, groupDates, type DateHit } from './dates.ts';
import { extractFigures, type FigurePlace } from './figures.ts';
import { extractEvents } from './events.ts';
import { sentenceRanges, tokenize, type Token } from './facts/text.ts';

/** What fact extraction needs besides the text. */
export interface FactsInput {
  /** Publication date (YYYY-MM-DD) that relative dates are anchored on, or null. */
  readonly published: string | null;
  readonly attributions: readonly Attribution[];
  /** ISO country code or place name of the case, used to disambiguate places ("UA", "Mariupol"). */
  readonly caseRegion?: string | null;
  /** A loaded gazetteer; defaults to the shared one (loaded once per process). */
  readonly gazetteer?: Gazetteer;
}

/** Everything {@link extractFacts} finds. */
export interface Facts {
  readonly actors: readonly Actor[];
  readonly places: readonly Place[];
  readonly dates: readonly DateMention[];
  readonly figures: readonly Figure[];
  readonly events: readonly ExtractedEvent[];
  /** Attribution id → actor id of its speaker (null when the attribution has no source). */
  readonly speakerOf: Readonly<Record<string, string | null>>;
  /**
   * Joint sources only ("Amnesty International and Human Rights Watch said"): attribution id → the
   * ids of all its speakers, the {@link speakerOf} one first.
   */
  readonly coSpeakersOf?: Readonly<Record<string, readonly string[]>>;
}

function safely<T>(fallback: T, run: () => T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}

export { unnamedPerson } from './actors.ts';

/** Lower-cased surnames of the persons (a one-word person is a surname): "clinton", "obama". */
function surnames(actors: readonly Actor[]): Set<string> {
  const personWords = new Set<string>();
  for (const a of actors) {
    // Not an unnamed person's description ("A judge in Ohio", "one survivor"): its last word is no surname.
    if (a.type !== 'person' || unnamedPerson(a)) continue;
    // Surnames only: first names ("Virginia") are too often places.
    const words = a.name.toLowerCase().split(/\s+/);
    const last = words[words.length - 1] ?? '';
    if (last.length >= 3) personWords.add(last);
  }
  return personWords;
}

/**
 * A speaker's place (a mayor's city) by attribution id: where their figures refer to when the sentence
 * names none. Like {@link surnames}, a function of its own to keep extractFacts small (V8 optimises a
 * function later and compiles it longer the larger its bytecode).
 */
function speakerPlaces(attributions: readonly Attribution[], actors: readonly Actor[], speakerOf: Readonly<Record<string, string | null>>, gazetteer: Gazetteer): Record<string, string | null> {
  const actorsById = new Map(actors.map((a) => [a.id, a]));
  const speakerPlace: Record<string, string | null> = {};
  for (const a of attributions) {
    const actorId = speakerOf[a.id];
    const actor = actorId === null || actorId === undefined ? undefined : actorsById.get(actorId);
    const aff = actor?.affiliation ?? null;
    const place = aff === null ? undefined : gazetteer.lookup(aff).find((e) => e.kind === 'city' || e.kind === 'region');
    speakerPlace[a.id] = place?.name ?? null;
  }
  return speakerPlace;
}

/** Resolved and unresolved place mentions as the places a figure may refer to, resolved ones first. */
function placesForFigures(placeHits: readonly PlaceHit[], unresolved: readonly UnresolvedPlaceHit[]): FigurePlace[] {
  const places: FigurePlace[] = [];
  for (const p of placeHits) places.push({ start: p.start, end: p.end, name: p.entry.name });
  for (const u of unresolved) places.push({ start: u.start, end: u.end, name: u.name });
  return places;
}

/**
 * Extracts the facts of `text` given its attributions and publication date.
 *
 * @example
 * const facts = extractFacts(text, { published: '2022-04-08', attributions });
 * facts.figures.find((f) => f.min === 410); // { counts: 'civilians killed', place: 'Bucha', attribution: 'a9', … }
 */
export function extractFacts(text: string, input: FactsInput): Facts {
  const src = typeof text === 'string' ? text : '';
  const attributions: readonly Attribution[] = Array.isArray(input.attributions) ? input.attributions : [];
  const gazetteer = input.gazetteer ?? defaultGazetteer();
  const sentences = safely<[number, number][]>([[0, src.length]], () => sentenceRanges(src));

  const tokens = safely<Token[]>([], () => tokenize(src));
  const actorResult = safely({ actors: [] as Actor[], speakerOf: {}, coSpeakersOf: {}, nameSpans: [] as [number, number][] }, () =>
    extractActors(src, attributions, gazetteer, tokens),
  );
  const personWords = surnames(actorResult.actors);
  const placeHits = safely<PlaceHit[]>([], () =>
    findPlaces(src, gazetteer, { caseRegion: input.caseRegion ?? null, exclude: actorResult.nameSpans, tokens, personWords }),
  );
  const dateHits = safely<DateHit[]>([], () => findDates(src, input.published));
  // The arrays handed to the stages below are built by push loops, not by map() and spreads: V8 gave
  // those a different array map now and then, and the large stage functions consuming them were
  // deoptimised and recompiled again and again (a third of the CPU time went to the compiler).
  const taken: (readonly [number, number])[] = [];
  for (const p of placeHits) taken.push([p.start, p.end]);
  for (const span of actorResult.nameSpans) taken.push(span);
  for (const d of dateHits) taken.push([d.start, d.end]);
  const unresolved = safely<UnresolvedPlaceHit[]>([], () => findUnresolvedPlaces(src, gazetteer, tokens, taken));

  const speakerPlace = speakerPlaces(attributions, actorResult.actors, actorResult.speakerOf, gazetteer);

  const figurePlaces = placesForFigures(placeHits, unresolved);
  const figureDates: (readonly [number, number, string | null])[] = [];
  for (const d of dateHits) figureDates.push([d.start, d.end, d.from]);
  const figures = safely<Figure[]>([], () =>
    extractFigures(src, { attributions, sentences, places: figurePlaces, dates: figureDates, speakerPlace, tokens }),
  );
  return {
    actors: actorResult.actors,
    places: groupPlaces(placeHits, unresolved),
    dates: groupDates(dateHits),
    figures,
    events: safely<ExtractedEvent[]>([], () => extractEvents(attributions)),
    speakerOf: actorResult.speakerOf,
    coSpeakersOf: actorResult.coSpeakersOf,
  };
}
