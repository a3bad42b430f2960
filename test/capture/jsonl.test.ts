// Feed records are fictional.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJsonl, sha256Hex } from '../../src/capture/index.ts';

const TEXT = 'The fictional Lorvania Ledger reported that the Vellmar bridge was closed to all traffic on Sunday.';

describe('parseJsonl', () => {
  it('captures each record with its metadata and keeps the record line as the original', () => {
    const line1 = JSON.stringify({ text: TEXT, title: 'Bridge closed', outlet: 'Lorvania Ledger', published: '2025-03-02', kind: 'article', tags: ['x'] });
    const line2 = JSON.stringify({
      html: `<html><head><meta property="og:site_name" content="Page Outlet"></head><body><p>${TEXT}</p></body></html>`,
      outlet: 'Feed Outlet',
    });
    const outcomes = parseJsonl(Buffer.from(`${line1}\r\n\n${line2}\n`), 'feed.jsonl');
    assert.deepEqual(
      outcomes.map((o) => [o.id, o.kind]),
      [
        ['feed.jsonl#L1', 'captured'],
        ['feed.jsonl#L3', 'captured'],
      ],
    );
    const [first, second] = outcomes;
    assert.ok(first?.kind === 'captured' && second?.kind === 'captured');
    assert.equal(first.item.sha256, sha256Hex(line1));
    assert.equal(first.item.title, 'Bridge closed');
    assert.equal(first.item.published, '2025-03-02');
    assert.deepEqual(first.item.metadata.tags, ['x']);
    assert.equal(second.item.outlet, 'Feed Outlet');
    assert.equal(second.item.text, TEXT);
  });

  it('fails a bad line as one item and goes on with the rest', () => {
    const good = JSON.stringify({ text: TEXT });
    const feed = [good, '{ not json', JSON.stringify({ title: 'no body' }), JSON.stringify({ text: TEXT, kind: 'rumour' }), '[1,2]', good.replace('Sunday', 'Monday')].join('\n');
    const outcomes = parseJsonl(Buffer.from(feed), 'feed.jsonl');
    const messages = outcomes.map((o) => (o.kind === 'failed' ? o.error : o.kind));
    assert.match(messages[1] ?? '', /^feed\.jsonl#L2: not valid JSON \(/);
    assert.deepEqual(
      messages.filter((_, i) => i !== 1),
      [
        'captured',
        "feed.jsonl#L3: record has no non-empty 'text' or 'html' field",
        "feed.jsonl#L4: 'kind' must be one of article, statement, report, transcript, testimony, social, document, not \"rumour\"",
        'feed.jsonl#L5: a feed record must be a JSON object',
        'captured',
      ],
    );
  });

  it('refuses an empty feed', () => {
    assert.throws(() => parseJsonl(Buffer.from('\n\n'), 'empty.jsonl'), { code: 'empty_input' });
  });
});
