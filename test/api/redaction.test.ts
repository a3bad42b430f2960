// The pure redaction engine. Names here are fictional.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MASK, buildPolicy, maskRanges, queryTouchesProtected, redactJson, redactText } from '../../src/api/redaction.ts';
import { escapeJson } from '../../src/api/finalize.ts';

const policy = buildPolicy([
  { id: 'p1', kind: 'actor', objectId: 'act_9', span: null, terms: ['Oksana Derevko', 'Derevko'] },
  { id: 'p2', kind: 'source', objectId: 'src_secret', span: null, terms: ['Night clinic testimony'] },
  { id: 'p3', kind: 'span', objectId: 'src_1', span: { start: 4, end: 9 }, terms: ['hidden'] },
]);

describe('redactJson', () => {
  it('masks protected terms in any string, case-insensitively and across spacing', () => {
    const { value, hits } = redactJson({ note: 'Met oksana   DEREVKO at noon', list: ['Derevko said'] }, policy);
    assert.deepEqual(value, { note: `Met ${MASK.repeat(16)} at noon`, list: [`${MASK.repeat(7)} said`] });
    assert.deepEqual([...hits], ['p1']);
  });

  it('masks every content field of a protected source or actor and flags it, keeping ids', () => {
    const { value } = redactJson(
      { items: [{ id: 'src_secret', title: 'A title', kind: 'article', createdAt: 'x' }, { id: 'act_9', name: 'Anyone' }] },
      policy,
    );
    const [source, actor] = (value as { items: Record<string, unknown>[] }).items;
    assert.equal(source?.id, 'src_secret');
    assert.equal(source?.title, MASK.repeat(7));
    assert.equal(source?.kind, 'article');
    assert.equal(source?.redacted, true);
    assert.equal(actor?.name, MASK.repeat(6));
  });

  it('masks whatever belongs to a protected source through sourceId', () => {
    const { value } = redactJson({ sourceId: 'src_secret', snippet: 'the nurse spoke' }, policy);
    assert.equal((value as { snippet: string }).snippet, MASK.repeat(15));
  });

  it('masks protected span offsets in a source text and keeps its length', () => {
    const { value } = redactJson({ id: 'src_1', text: 'abc 12345 def' }, policy);
    assert.equal((value as { text: string }).text, `abc ${MASK.repeat(5)} def`);
  });

  it('leaves values alone under an empty policy', () => {
    const input = { a: 'Derevko' };
    assert.equal(redactJson(input, buildPolicy([])).value, input);
  });
});

describe('redactText', () => {
  it('masks terms in CSV or Markdown text', () => {
    assert.equal(redactText('x,Oksana Derevko,y', policy).text, `x,${MASK.repeat(14)},y`);
  });
});

describe('maskRanges', () => {
  it('clamps ranges to the text', () => {
    assert.equal(maskRanges('abcdef', [{ start: 4, end: 99 }]), `abcd${MASK}${MASK}`);
  });
});

describe('queryTouchesProtected', () => {
  it('recognises a query naming protected material in part or whole', () => {
    assert.equal(queryTouchesProtected('derevko', policy), true);
    assert.equal(queryTouchesProtected('Oksana', policy), true);
    assert.equal(queryTouchesProtected('shelling market', policy), false);
  });
});

describe('escapeJson', () => {
  it('leaves no angle brackets or ampersands in serialised JSON and parses back the same', () => {
    const value = { html: '<script>alert("x")</script> & \u2028' };
    const escaped = escapeJson(JSON.stringify(value));
    assert.doesNotMatch(escaped, /[<>&\u2028]/);
    assert.deepEqual(JSON.parse(escaped), value);
  });
});
