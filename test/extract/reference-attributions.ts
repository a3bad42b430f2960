// Hand-built attributions for the reference article (../shared/corpus/seed), so the facts tests do not
// depend on the attribution extractor. Each is located by exact substrings of the article.
import type { Attribution, Stance } from '../../src/extract/types.ts';

export const REFERENCE_PATH = new URL('../../../shared/corpus/seed/mariupol-mobile-crematoria.txt', import.meta.url);

interface Spec {
  readonly id: string;
  readonly source: string | null;
  readonly cue: string;
  readonly content: string;
  readonly stance?: Stance;
  readonly channel?: string | null;
  readonly after?: string;
}

const SPECS: readonly Spec[] = [
  { id: 'a1', source: 'Mariupol Mayor Vadym Boychenko', cue: 'made the charge', content: 'he heard eyewitness accounts of Russian soldiers driving around Mariupol with crematoriums on lorries and collecting bodies of civilians while at the same time barring the International Committee of the Red Cross from entering the city with humanitarian aid' },
  { id: 'a2', source: 'Boychenko', cue: 'said', content: 'The world has not seen the scale of the tragedy in Mariupol since the existence of Nazis concentration camps', after: '“The world' },
  { id: 'a3', source: 'the Mariupol City Council', cue: 'said', content: 'witnesses have seen evidence Russia is operating mobile crematoria in Mariupol, burning the bodies of dead civilians and covering up evidence of war crimes', channel: 'a statement released on its Facebook account' },
  { id: 'a4', source: 'The statement', cue: 'added', content: 'this is why Russia is not in a hurry' },
  { id: 'a5', source: 'Ukrainian officials', cue: 'reported', content: 'at least 410 civilians were killed in Bucha, including many found with their hands tied behind their backs and shot in the head' },
  { id: 'a6', source: 'Boychenko', cue: 'said', content: 'his once-thriving port city of 400,000 people has been completely decimated by bombing raids', after: 'Boychenko said his' },
  { id: 'a7', source: null, cue: 'estimated', content: 'around 5,000 people there have been killed' },
  { id: 'a8', source: 'U.S. defense officials', cue: 'told ABC News', content: 'they have not confirmed the allegations that Russia is using mobile crematoriums to hide evidence of war crimes', stance: 'not_confirmed' },
  { id: 'a9', source: 'Rep. Seth Moulton, D-Massachusetts', cue: 'told ABC News', content: 'he is not surprised by the reports' },
  { id: 'a10', source: 'He', cue: 'said', content: 'the sources told him Russia was using the devices to cover up the number of its soldiers killed in Crimea', after: 'Ukraine. He said' },
  { id: 'a11', source: 'The organization', cue: 'said', content: 'its crisis response investigators interviewed more than 20 people from villages and towns near Kyiv and many claimed to have witnessed civilian executions' },
  { id: 'a12', source: 'Russia', cue: 'has denied', content: 'committing atrocities and targeting civilians', stance: 'deny', after: 'Russia has denied' },
];

/** Attributions of the reference article, offsets computed against `text`. */
export function referenceAttributions(text: string): Attribution[] {
  return SPECS.map((s) => {
    const from = s.after !== undefined ? text.indexOf(s.after) : 0;
    if (from < 0) throw new Error(`anchor not found: ${s.after ?? ''}`);
    const span = (needle: string, at = from): { start: number; end: number; text: string } => {
      const start = text.indexOf(needle, at);
      if (start < 0) throw new Error(`span not found: ${needle}`);
      return { start, end: start + needle.length, text: needle };
    };
    const source = s.source === null ? null : { ...span(s.source), actor: null };
    const cue = span(s.cue, source?.end ?? from);
    const content = span(s.content, from);
    return { id: s.id, source, cue, content: [content], stance: s.stance ?? 'assert', quote: 'indirect', channel: s.channel ?? null, basis: [], parent: null, confidence: 0.9 };
  });
}
