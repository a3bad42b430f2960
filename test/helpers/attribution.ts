/**
 * Attribution records for unit tests that need only spans: the contract's other fields at neutral
 * values (asserted, indirect, no channel, basis or parent, full confidence).
 */
import type { Attribution } from '../../src/extract/types.ts';

export function attributionOf(id: string, spans: Pick<Attribution, 'source' | 'cue' | 'content'>): Attribution {
  return { id, ...spans, stance: 'assert', quote: 'indirect', channel: null, basis: [], parent: null, confidence: 1 };
}

/** Source, cue and contents of each attribution, for an assertion's message. */
export function summary(found: readonly Attribution[]): string {
  return JSON.stringify(found.map((a) => [a.source?.text ?? null, a.cue.text, a.content.map((c) => c.text)]));
}

/** [source, cue, contents] of the attribution whose cue is `cue`, or undefined. */
export function shape(found: readonly Attribution[], cue: string): [string | null, string, string[]] | undefined {
  const a = found.find((x) => x.cue.text === cue);
  return a === undefined ? undefined : [a.source?.text ?? null, a.cue.text, a.content.map((c) => c.text)];
}
