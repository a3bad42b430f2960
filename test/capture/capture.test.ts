// Files written here are fictional, except the shared reference article read from ../shared.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { captureTarget, planTargets, sha256Hex, type CaptureOutcome, type CapturedItem } from '../../src/capture/index.ts';
import { tempDir } from '../helpers/temp.ts';
import { buildPdf } from './build-pdf.ts';

const TEXT = 'The fictional council of Vellmar said on Tuesday that the river bridge had been closed since dawn.';
const LIMIT = { maxBytes: 1_000_000 };

async function captureAll(inputs: readonly string[], cwd: string, options = LIMIT): Promise<CaptureOutcome[]> {
  const out: CaptureOutcome[] = [];
  for (const target of await planTargets(inputs, cwd)) out.push(...(await captureTarget(target, options)));
  return out;
}

function only(outcomes: readonly CaptureOutcome[]): CapturedItem {
  assert.equal(outcomes.length, 1);
  const [first] = outcomes;
  assert.ok(first?.kind === 'captured', first?.kind === 'failed' ? first.error : 'not captured');
  return first.item;
}

describe('planTargets', () => {
  it('walks folders recursively in sorted order, leaving out sidecars, hidden files, notes and unreadable types', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'b', 'nested'), { recursive: true });
    mkdirSync(join(dir, '.git'));
    for (const name of ['b/nested/z.txt', 'b/a.md', 'c.html', 'a.txt', 'a.json', 'README.md', '.hidden.txt', 'photo.png', '.git/x.txt', 'feed.jsonl', 'r.pdf']) {
      writeFileSync(join(dir, name), 'x');
    }
    const targets = await planTargets([dir], '/');
    assert.deepEqual(
      targets.map((t) => (t.kind === 'file' ? t.id.slice(dir.length + 1) : t.kind)),
      ['a.txt', 'b/a.md', 'b/nested/z.txt', 'c.html', 'feed.jsonl', 'r.pdf'],
    );
  });

  it('reports duplicate, missing and unsupported paths as invalid items and keeps the rest', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), TEXT);
    writeFileSync(join(dir, 'image.png'), 'x');
    mkdirSync(join(dir, 'photos'));
    writeFileSync(join(dir, 'photos', 'p.jpg'), 'x');
    const targets = await planTargets(['a.txt', './a.txt', 'missing.txt', 'image.png', '.', 'photos'], dir);
    assert.deepEqual(
      targets.map((t) => (t.kind === 'invalid' ? t.error : `${t.kind} ${t.id}`)),
      [
        'file a.txt',
        './a.txt: duplicate path (already given as a.txt)',
        'missing.txt: no such file or directory',
        "image.png: unsupported file type '.png' (expected .txt, .text, .md, .markdown, .html, .htm, .xhtml, .pdf, .jsonl, .ndjson)",
        'a.txt: duplicate path (already given as a.txt)',
        'photos: folder holds no file capture can read (.txt, .text, .md, .markdown, .html, .htm, .xhtml, .pdf, .jsonl, .ndjson)',
      ],
    );
  });
});

describe('captureTarget', () => {
  it('captures a text file with its sidecar metadata, keeping the original bytes', async () => {
    const dir = tempDir();
    const original = Buffer.from(`${TEXT}  \r\n\r\n\r\nSecond paragraph.\r\n`);
    writeFileSync(join(dir, 'council.txt'), original);
    writeFileSync(
      join(dir, 'council.json'),
      JSON.stringify({ file: 'council.txt', kind: 'statement', outlet: 'Vellmar Town Council', title: 'Statement', published: '2025-03-04', note: 'fictional' }),
    );
    const item = only(await captureAll(['council.txt'], dir));
    assert.deepEqual(Buffer.from(item.original), original);
    assert.equal(item.sha256, sha256Hex(original));
    assert.equal(item.text, `${TEXT}\n\nSecond paragraph.`);
    assert.equal(item.textSha256, sha256Hex(item.text));
    assert.deepEqual(
      [item.kind, item.outlet, item.title, item.published, item.language, item.metadata.note],
      ['statement', 'Vellmar Town Council', 'Statement', '2025-03-04', 'en', 'fictional'],
    );
  });

  it('lets command-line metadata win over the sidecar', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), TEXT);
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ outlet: 'Sidecar Outlet', title: 'Sidecar title' }));
    const item = only(await captureAll(['a.txt'], dir, { ...LIMIT, overrides: { outlet: 'Flag Outlet' } } as typeof LIMIT));
    assert.deepEqual([item.outlet, item.title], ['Flag Outlet', 'Sidecar title']);
  });

  it('captures Markdown, HTML and PDF files', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'm.md'), `# Vellmar notes\n\n${TEXT}\n`);
    writeFileSync(join(dir, 'p.html'), `<html><head><title>Page</title></head><body><p>${TEXT}</p></body></html>`);
    writeFileSync(join(dir, 'r.pdf'), buildPdf([[TEXT]]));
    const outcomes = await captureAll(['m.md', 'p.html', 'r.pdf'], dir);
    const items = outcomes.map((o) => (o.kind === 'captured' ? o.item : assert.fail(JSON.stringify(o))));
    assert.deepEqual(
      items.map((i) => [i.mediaType, i.title, i.pages === null ? null : i.pages.length]),
      [
        ['text/markdown', 'Vellmar notes', null],
        ['text/html', 'Page', null],
        ['application/pdf', 'A fictional report', 1],
      ],
    );
    assert.equal(items[1]?.text, TEXT);
    assert.equal(items[2]?.text, TEXT);
  });

  it('fails each bad file with a one-line reason naming it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'blank.txt'), ' \n\n \n');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 in Vellmar', 'latin1'));
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(2000));
    writeFileSync(join(dir, 'cut.pdf'), buildPdf([[TEXT]]).subarray(0, 150));
    writeFileSync(join(dir, 'bare.html'), '<html><body><img src="a.png"></body></html>');
    writeFileSync(join(dir, 'bad.txt'), TEXT);
    writeFileSync(join(dir, 'bad.json'), '{ broken');
    const outcomes = await captureAll(
      ['empty.txt', 'blank.txt', 'binary.txt', 'latin1.txt', 'big.txt', 'cut.pdf', 'bare.html', 'bad.txt'],
      dir,
      { maxBytes: 1000 },
    );
    const errors = outcomes.map((o) => (o.kind === 'failed' ? o.error : o.kind));
    assert.deepEqual(errors.slice(0, 5).concat(errors.slice(6, 7)), [
      'empty.txt: empty file',
      'blank.txt: no text found',
      'binary.txt: binary content, not text',
      'latin1.txt: not valid UTF-8',
      'big.txt: 2000 bytes exceeds the 1000-byte limit',
      'bare.html: HTML without text',
    ]);
    assert.match(errors[5] ?? '', /^cut\.pdf: truncated or malformed PDF/);
    assert.match(errors[7] ?? '', /^bad\.txt: sidecar .*bad\.json is not valid JSON/);
    for (const e of errors) assert.doesNotMatch(e, /\n/);
  });

  it('captures a JSONL feed as one item per record', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'feed.jsonl'), `${JSON.stringify({ text: TEXT, outlet: 'Feed' })}\nnot json\n`);
    const outcomes = await captureAll(['feed.jsonl'], dir);
    assert.deepEqual(
      outcomes.map((o) => [o.id, o.kind]),
      [
        ['feed.jsonl#L1', 'captured'],
        ['feed.jsonl#L2', 'failed'],
      ],
    );
  });

  const seed = resolve(import.meta.dirname, '../../../shared/corpus/seed/mariupol-mobile-crematoria.txt');
  it('ingests the reference article with its sidecar metadata', async () => {
    assert.ok(existsSync(seed), `the shared reference article is expected at ${seed}`);
    const item = only(await captureAll([seed], '/'));
    assert.deepEqual(
      [item.kind, item.outlet, item.published, item.language, item.title],
      ['article', 'ABC News', '2022-04-08', 'en', 'Russia accused of using mobile crematoriums in Mariupol to cover up war crimes'],
    );
    assert.match(item.text, /Mariupol/);
  });
});
