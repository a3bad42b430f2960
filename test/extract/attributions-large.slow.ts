// Slow suite (npm run test:slow; the default runner only picks *.test.ts): a 5 MB input. Generated text is fictional.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractAttributions, type ExtractionStats } from '../../src/extract/attributions.ts';

describe('extractAttributions on 5 MB', () => {
  it('finishes with bounded work per token on 5 MB of unpunctuated text', () => {
    const words = ['the', 'mayor', 'said', 'river', 'Dornholt', 'council', 'told', 'reporters', 'bridge', 'closed', 'witnesses'];
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      const w = words[(i * 7 + (i >> 3)) % words.length]!;
      parts.push(w);
      size += w.length + 1;
    }
    const text = parts.join(' ');
    const stats: ExtractionStats = { tokens: 0, cues: 0, roleTokens: 0 };
    const found = extractAttributions(text, { stats });
    assert.ok(stats.tokens > 700_000);
    assert.ok(stats.roleTokens <= 13 * stats.tokens + 1000);
    for (const a of found) assert.ok(a.cue.end <= text.length && a.content.every((c) => c.end <= text.length));
  });
});
