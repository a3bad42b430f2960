/**
 * Attribution records for unit tests that need only spans: the contract's other fields at neutral
 * values (asserted, indirect, no channel, basis or parent, full confidence).
 */
import type { Attribution } from '../../src/extract/types.ts';

export function attributionOf(id: string, spans: Pick<Attribution, 'source' | 'cue' | 'content'>): Attribution {
  return { id, ...spans, stance: 'assert', quote: 'indirect', channel: null, basis: [], parent: null, confidence: 1 };
}
