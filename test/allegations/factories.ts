// Test data builders for the allegations stage. Every name here is fictional.
import type { ActorType, Basis, EventType, Extraction, Figure, Stance } from '../../src/extract/types.ts';
import type { CaseSource } from '../../src/allegations/index.ts';

/** One attribution to build: who says what, how. */
export interface AttributionSpec {
  readonly speaker: string | null;
  readonly speakerType?: ActorType;
  readonly role?: string | null;
  readonly affiliation?: string | null;
  readonly stance?: Stance;
  readonly content: string;
  readonly basis?: readonly Basis[];
  readonly types?: readonly EventType[];
  /** Index (in this spec list) of the attribution whose content contains this one. */
  readonly parent?: number;
  readonly figures?: readonly Omit<Figure, 'start' | 'end' | 'attribution'>[];
  readonly places?: readonly string[];
}

/** What {@link buildSource} needs. */
export interface SourceSpec {
  readonly id: string;
  readonly published?: string | null;
  readonly captured?: string;
  readonly outlet?: string | null;
  readonly kind?: string;
  readonly attributions: readonly AttributionSpec[];
  /** Extra text appended after the attributions (for near-duplicate tests). */
  readonly tail?: string;
}

/**
 * Builds a source whose text is one sentence per attribution ("SPEAKER said that CONTENT."), with
 * spans, actors, places, figures and events all pointing at the right offsets.
 */
export function buildSource(spec: SourceSpec): CaseSource {
  let text = '';
  const attributions: Extraction['attributions'][number][] = [];
  const actors: Extraction['actors'][number][] = [];
  const places = new Map<string, [number, number][]>();
  const figures: Figure[] = [];
  const events = new Map<EventType, string[]>();
  spec.attributions.forEach((a, i) => {
    const id = `a${i + 1}`;
    const speaker = a.speaker ?? 'It';
    const cue = a.stance === 'deny' ? 'denied' : a.stance === 'not_confirmed' ? 'has not confirmed' : 'said';
    const sourceStart = text.length;
    text += `${speaker} ${cue} that `;
    const cueStart = sourceStart + speaker.length + 1;
    const contentStart = text.length;
    text += a.content;
    const contentEnd = text.length;
    text += '. ';
    let actorId: string | null = null;
    if (a.speaker !== null) {
      const existing = actors.find((x) => x.name === a.speaker);
      actorId = existing?.id ?? `act${actors.length + 1}`;
      if (existing === undefined) {
        actors.push({
          id: actorId,
          name: a.speaker,
          type: a.speakerType ?? 'organization',
          role: a.role ?? null,
          affiliation: a.affiliation ?? null,
          mentions: [[sourceStart, sourceStart + speaker.length]],
        });
      }
    }
    attributions.push({
      id,
      source:
        a.speaker === null
          ? null
          : { start: sourceStart, end: sourceStart + speaker.length, text: speaker, actor: actorId },
      cue: { start: cueStart, end: cueStart + cue.length, text: cue },
      content: [{ start: contentStart, end: contentEnd, text: a.content }],
      stance: a.stance ?? 'assert',
      quote: 'indirect',
      channel: null,
      basis: a.basis ?? [],
      parent: a.parent === undefined ? null : `a${a.parent + 1}`,
      confidence: 0.9,
    });
    for (const p of a.places ?? []) {
      const at = a.content.indexOf(p);
      const list = places.get(p) ?? [];
      if (at >= 0) list.push([contentStart + at, contentStart + at + p.length]);
      places.set(p, list);
    }
    for (const f of a.figures ?? []) {
      // A figure's place is a place of the document too.
      if (f.place !== null && !places.has(f.place)) places.set(f.place, []);
      const at = Math.max(0, a.content.indexOf(f.text));
      figures.push({
        ...f,
        start: contentStart + at,
        end: contentStart + at + f.text.length,
        attribution: id,
      });
    }
    for (const t of a.types ?? []) events.set(t, [...(events.get(t) ?? []), id]);
  });
  text += spec.tail ?? '';
  return {
    id: spec.id,
    published: spec.published ?? '2025-03-11',
    captured: spec.captured ?? `2026-01-01T00:00:00.000Z`,
    outlet: spec.outlet ?? null,
    title: null,
    kind: spec.kind ?? 'article',
    extraction: {
      document: { sha256: spec.id, text, published: spec.published ?? '2025-03-11', language: 'en' },
      attributions,
      actors,
      places: [...places].map(([name, mentions]) => ({
        name,
        // A located town, as the gazetteer gives (clustering trusts only located places).
        lat: 0,
        lon: 0,
        country: null,
        granularity: 'city' as const,
        mentions,
      })),
      dates: [],
      figures,
      events: [...events].map(([type, ids]) => ({ type, attributions: ids })),
    },
  };
}

/** A fictional case: a town council's claim echoed by a wire copy, an independent forensic confirmation,
 * a denial, a "has not confirmed", and an unrelated convoy claim. */
export function fictionalCase(): CaseSource[] {
  const wire =
    'Soldiers buried the bodies of civilians in trenches behind the old tannery on River Street in Valdmoor after shooting them at night';
  return [
    buildSource({
      id: 's1-council',
      published: '2025-03-11',
      outlet: 'Valdmoor Town Council',
      kind: 'statement',
      attributions: [
        {
          speaker: 'Valdmoor Town Council',
          speakerType: 'state_body',
          content: wire,
          places: ['Valdmoor'],
          types: ['killing_of_civilians', 'concealment_of_evidence'],
        },
        {
          speaker: 'residents',
          speakerType: 'group',
          content: 'soldiers buried bodies in trenches behind the tannery at night',
          parent: 0,
          basis: ['eyewitness'],
        },
      ],
    }),
    buildSource({
      id: 's2-wire',
      published: '2025-03-12',
      outlet: 'Northline Wire',
      attributions: [
        {
          speaker: 'Mayor Irena Kosk',
          speakerType: 'person',
          role: 'Mayor',
          affiliation: 'Valdmoor',
          content: wire,
          places: ['Valdmoor'],
          types: ['killing_of_civilians'],
        },
        {
          speaker: 'the council',
          speakerType: 'state_body',
          affiliation: 'Valdmoor',
          content: 'the bodies of civilians were buried in trenches behind the tannery in Valdmoor',
          places: ['Valdmoor'],
        },
      ],
      tail: 'The town has been occupied for three weeks and communications with the outside world remain cut off for most residents. Northline Wire could not reach the army for comment on the accusations.',
    }),
    buildSource({
      id: 's3-reprint',
      published: '2025-03-13',
      outlet: 'Harbour Gazette',
      attributions: [
        {
          speaker: 'Mayor Irena Kosk',
          speakerType: 'person',
          role: 'Mayor',
          affiliation: 'Valdmoor',
          content: wire,
          places: ['Valdmoor'],
          types: ['killing_of_civilians'],
        },
        {
          speaker: 'the council',
          speakerType: 'state_body',
          affiliation: 'Valdmoor',
          content: 'the bodies of civilians were buried in trenches behind the tannery in Valdmoor',
          places: ['Valdmoor'],
        },
      ],
      tail: 'The town has been occupied for three weeks and communications with the outside world remain cut off for most residents. Northline Wire could not reach the army for comment on these accusations.',
    }),
    buildSource({
      id: 's4-forensic',
      published: '2025-03-20',
      outlet: 'Ostrin Forensic Institute',
      kind: 'report',
      attributions: [
        {
          speaker: 'Ostrin Forensic Institute',
          speakerType: 'ngo',
          content:
            'forensic examination of the trenches behind the tannery in Valdmoor found the bodies of 23 civilians shot in the head and buried at night',
          basis: ['forensic', 'imagery'],
          places: ['Valdmoor'],
          types: ['killing_of_civilians', 'execution'],
          figures: [
            {
              text: '23 civilians',
              min: 23,
              max: 23,
              approx: false,
              counts: 'bodies exhumed',
              place: 'Valdmoor',
            },
          ],
        },
      ],
    }),
    buildSource({
      id: 's5-denial',
      published: '2025-03-14',
      outlet: 'Ministry of Defence of Korlandia',
      kind: 'statement',
      attributions: [
        {
          speaker: 'Korlandian Ministry of Defence',
          speakerType: 'state_body',
          stance: 'deny',
          content: 'soldiers killed civilians or buried bodies behind the tannery in Valdmoor',
          places: ['Valdmoor'],
        },
        {
          speaker: 'Korlandian Ministry of Defence',
          speakerType: 'state_body',
          stance: 'deny',
          content: 'committing any crimes',
        },
      ],
    }),
    buildSource({
      id: 's6-monitors',
      published: '2025-03-15',
      outlet: 'Regional Monitoring Mission',
      kind: 'transcript',
      attributions: [
        {
          speaker: 'Regional Monitoring Mission',
          speakerType: 'international_body',
          stance: 'not_confirmed',
          content:
            'reports that soldiers killed civilians and buried the bodies behind the tannery in Valdmoor',
          places: ['Valdmoor'],
        },
      ],
    }),
    buildSource({
      id: 's7-convoy',
      published: '2025-03-16',
      outlet: 'Relief Lantern',
      kind: 'statement',
      attributions: [
        {
          speaker: 'Relief Lantern',
          speakerType: 'ngo',
          content:
            'its aid convoy of four trucks with medical supplies was turned back at a checkpoint outside Valdmoor',
          places: ['Valdmoor'],
          types: ['obstruction_of_humanitarian_access'],
        },
      ],
    }),
  ];
}
