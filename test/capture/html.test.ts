// Every page, person and outlet here is fictional.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHtml } from '../../src/capture/index.ts';

const PARAGRAPH =
  'Residents of the fictional town of Vellmar said soldiers had closed the river bridge before dawn and turned back two ambulances. ';

function page(head: string, body: string): Uint8Array {
  return new TextEncoder().encode(`<!doctype html><html lang="en-GB"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`);
}

const ARTICLE_BODY = `
  <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
  <article>
    <h1>Bridge at Vellmar closed, residents say</h1>
    <p>${PARAGRAPH.repeat(3)}</p>
    <p>${PARAGRAPH.repeat(2)}The mayor's office has not confirmed the account.</p>
    <p>A second paragraph<br>with a line break.</p>
  </article>
  <footer>© The Vellmar Courier (fictional)</footer>`;

describe('parseHtml', () => {
  it('extracts the main text with paragraph breaks and leaves out navigation', () => {
    const parsed = parseHtml(page('<title>Bridge closed | Courier</title>', ARTICLE_BODY), 'a.html');
    assert.match(parsed.text, /Residents of the fictional town of Vellmar/);
    assert.match(parsed.text, /has not confirmed the account\.\n\nA second paragraph\nwith a line break\./);
    assert.doesNotMatch(parsed.text, /Sport/);
  });

  it("reads title, byline, date, outlet, canonical URL and language from the page's own metadata", () => {
    const head = `
      <title>Bridge closed | Courier</title>
      <meta property="og:title" content="Bridge at Vellmar closed, residents say">
      <meta property="og:site_name" content="The Vellmar Courier">
      <meta property="og:type" content="article">
      <meta name="author" content="Ana Fictive">
      <meta property="article:published_time" content="2025-03-02T22:30:00-05:00">
      <link rel="canonical" href="/2025/03/bridge-closed">`;
    const parsed = parseHtml(page(head, ARTICLE_BODY), 'a.html', { baseUrl: 'https://courier.example/x?utm=1' });
    assert.deepEqual(parsed.metadata, {
      title: 'Bridge at Vellmar closed, residents say',
      byline: 'Ana Fictive',
      outlet: 'The Vellmar Courier',
      canonicalUrl: 'https://courier.example/2025/03/bridge-closed',
      published: '2025-03-02',
      kind: 'article',
      language: 'en',
    });
  });

  it('prefers JSON-LD article metadata', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Ignored' },
        {
          '@type': 'NewsArticle',
          headline: 'JSON-LD headline',
          datePublished: '2025-03-04',
          author: [{ '@type': 'Person', name: 'Ben Imaginary' }, { name: 'Cleo Madeup' }],
          publisher: { '@type': 'Organization', name: 'Lorvania Ledger' },
        },
      ],
    };
    const head = `<script type="application/ld+json">${JSON.stringify(ld)}</script>
      <script type="application/ld+json">{ not json</script>
      <meta property="og:title" content="OG title">`;
    const parsed = parseHtml(page(head, ARTICLE_BODY), 'ld.html');
    assert.equal(parsed.metadata?.title, 'JSON-LD headline');
    assert.equal(parsed.metadata?.byline, 'Ben Imaginary, Cleo Madeup');
    assert.equal(parsed.metadata?.outlet, 'Lorvania Ledger');
    assert.equal(parsed.metadata?.published, '2025-03-04');
    assert.equal(parsed.metadata?.kind, 'article');
  });

  it('falls back to the whole body for a short page', () => {
    const parsed = parseHtml(page('<title>Note</title>', '<div>Short fictional notice: the bridge is closed.</div>'), 'n.html');
    assert.equal(parsed.text.trim(), 'Short fictional notice: the bridge is closed.');
  });

  it('follows the charset the page declares', () => {
    const bytes = Buffer.from(
      '<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head><body><p>Caf\xe9 de la Gare, fictional.</p></body></html>',
      'latin1',
    );
    const parsed = parseHtml(bytes, 'cp.html');
    assert.match(parsed.text, /Café de la Gare/);
  });

  it('refuses HTML without text', () => {
    assert.throws(() => parseHtml(page('<title>Empty</title>', '<script>var x = 1;</script><img src="x.png">'), 'e.html'), {
      code: 'malformed',
      message: 'e.html: HTML without text',
    });
  });

  it('never runs scripts in the page', () => {
    const parsed = parseHtml(
      page('', `<p id="p">Original fictional text that stays as written.</p><script>document.getElementById('p').textContent = 'changed';</script>`),
      's.html',
    );
    assert.match(parsed.text, /Original fictional text/);
  });
});
