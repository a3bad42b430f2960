import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockAt, blocks, depths, marksByBlock, segment, type Mark } from '../../../web/src/lib/segments.ts';

function mark(start: number, end: number, kind: Mark['kind'], ref = 'a1', depth = 0): Mark {
  return { start, end, kind, ref, depth };
}

describe('segment', () => {
  it('cuts the text at every mark boundary and keeps uncovered runs', () => {
    const text = 'Boychenko said that witnesses saw it';
    const segs = segment(text, [mark(0, 9, 'source'), mark(10, 14, 'cue'), mark(15, 36, 'content')]);
    assert.deepEqual(
      segs.map((s) => [s.text, s.marks.map((m) => m.kind)]),
      [
        ['Boychenko', ['source']],
        [' ', []],
        ['said', ['cue']],
        [' ', []],
        ['that witnesses saw it', ['content']],
      ],
    );
  });

  it('stacks nested marks on the runs they share', () => {
    const text = 'the council said witnesses saw crematoria';
    const outer = mark(17, 41, 'content', 'a1', 0);
    const innerSource = mark(17, 26, 'source', 'a2', 1);
    const segs = segment(text, [outer, innerSource]);
    const witnesses = segs.find((s) => s.text === 'witnesses');
    assert.deepEqual(witnesses?.marks.map((m) => m.ref).sort(), ['a1', 'a2']);
  });

  it('joins back to the original text', () => {
    const text = 'one two three four';
    const segs = segment(text, [mark(2, 9, 'cue'), mark(4, 14, 'content'), mark(0, 18, 'actor')]);
    assert.equal(segs.map((s) => s.text).join(''), text);
  });

  it('clamps marks outside the text and within a window', () => {
    const text = 'abcdef';
    const segs = segment(text, [mark(-5, 3, 'cue'), mark(4, 99, 'content')], 2, 5);
    assert.deepEqual(
      segs.map((s) => [s.start, s.end, s.marks.length]),
      [
        [2, 3, 1],
        [3, 4, 0],
        [4, 5, 1],
      ],
    );
  });
});

describe('blocks', () => {
  it('splits at newlines and covers every non-blank line', () => {
    const text = 'first line\n\nsecond line\nthird';
    const list = blocks(text);
    assert.deepEqual(
      list.map((b) => text.slice(b.start, b.end).trim()),
      ['first line', 'second line', 'third'],
    );
  });

  it('cuts very long lines near a space', () => {
    const text = `${'word '.repeat(1000)}end`;
    const list = blocks(text, 100);
    assert.ok(list.length > 40);
    assert.ok(list.every((b) => b.end - b.start <= 100));
    assert.equal(list.map((b) => text.slice(b.start, b.end)).join(''), text);
  });
});

describe('blockAt', () => {
  it('finds the block holding an offset', () => {
    const list = [
      { start: 0, end: 10 },
      { start: 12, end: 20 },
      { start: 20, end: 30 },
    ];
    assert.equal(blockAt(list, 5), 0);
    assert.equal(blockAt(list, 20), 2);
    assert.equal(blockAt(list, 11), -1);
  });
});

describe('depths', () => {
  it('counts parents and survives cycles', () => {
    const d = depths([
      { id: 'a1', parent: null },
      { id: 'a2', parent: 'a1' },
      { id: 'a3', parent: 'a2' },
      { id: 'x', parent: 'y' },
      { id: 'y', parent: 'x' },
    ]);
    assert.equal(d.get('a1'), 0);
    assert.equal(d.get('a3'), 2);
    assert.ok((d.get('x') ?? 99) <= 1);
  });
});

describe('marksByBlock', () => {
  it('lists a mark under every block it overlaps and gives the same runs as the full list', () => {
    const text = 'alpha beta\ngamma delta\nepsilon';
    const list = blocks(text);
    const marks = [mark(2, 14, 'content'), mark(12, 17, 'cue', 'a2'), mark(24, 26, 'source', 'a3')];
    const per = marksByBlock(list, marks);
    assert.deepEqual(
      per.map((ms) => ms.map((m) => m.ref)),
      [['a1'], ['a1', 'a2'], ['a3']],
    );
    list.forEach((b, i) =>
      assert.deepEqual(segment(text, per[i] ?? [], b.start, b.end), segment(text, marks, b.start, b.end)),
    );
  });
});
