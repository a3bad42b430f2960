// A corpus of XSS payloads ingested as HTML and as text: no API output contains executable markup.
// The payloads are standard test strings; the surrounding text is fictional.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import { startTestServer } from './harness.ts';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<object data="data:text/html,<script>alert(1)</script>"></object>',
  '<embed src="javascript:alert(1)">',
  '<body onload=alert(1)>',
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '"><script>alert(document.cookie)</script>',
  "'><img src=x onerror=alert(1)//",
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<details open ontoggle=alert(1)>',
  '<p onclick="alert(1)">paragraph</p>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
];

const html = `<!doctype html><html><head><title>Fictional bulletin <script>alert("t")</script></title></head><body><article>
<h1>Fictional bulletin from the town of Ostvale</h1>
<p>The fictional Ostvale council said on Monday that residents reported shelling near the river market.</p>
${PAYLOADS.map((p, i) => `<p>Item ${i}: ${p} The council spokesperson said residents were told to shelter.</p>`).join('\n')}
</article></body></html>`;
const text = `Fictional bulletin (text) from Ostvale.\n\n${PAYLOADS.map((p, i) => `Item ${i}: ${p} The council said residents sheltered.`).join('\n\n')}`;

const server = await startTestServer();
const base = `/api/cases/${server.ownCase}`;

async function ingested(res: Response): Promise<string[]> {
  assert.equal(res.status, 200, await res.clone().text());
  const body = (await res.json()) as { items: { status: string; error?: string; value?: { sourceId: string } }[] };
  return body.items.map((i) => {
    assert.equal(i.status, 'ok', i.error);
    return i.value?.sourceId ?? '';
  });
}

const form = new FormData();
form.append('files', new Blob([html], { type: 'text/html' }), 'bulletin.html');
form.append('files', new Blob([text], { type: 'text/plain' }), 'bulletin.txt');
const session = await server.session('analyst');
const uploaded = await ingested(
  await fetch(`${server.url}${base}/ingest/files`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: form,
  }),
);
const pasted = await ingested(
  await server.request('analyst', 'POST', `${base}/ingest/text`, { body: { text: html, format: 'html', title: 'pasted <script>x</script>' } }),
);
const pastedText = await ingested(
  await server.request('analyst', 'POST', `${base}/ingest/text`, { body: { text, title: '<img src=x onerror=alert(1)>' } }),
);
const sources = [...uploaded, ...pasted, ...pastedText];

function assertInertDocument(markup: string, label: string): void {
  const { document } = new JSDOM(markup).window;
  for (const tag of ['script', 'iframe', 'object', 'embed', 'svg', 'math', 'form', 'base', 'style', 'template', 'img']) {
    assert.equal(document.getElementsByTagName(tag).length, 0, `${label}: <${tag}> survived`);
  }
  assert.equal(document.querySelectorAll('meta[http-equiv], meta[content]').length, 0, `${label}: refresh meta survived`);
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      assert.ok(!/^on/i.test(attr.name), `${label}: ${el.tagName} has ${attr.name}`);
      assert.ok(attr.name !== 'style', `${label}: ${el.tagName} has a style attribute`);
      assert.ok(!/^\s*(javascript|data|vbscript):/i.test(attr.value), `${label}: ${attr.name}=${attr.value}`);
    }
  }
}

describe('XSS payloads in captured material', () => {
  it('are captured from uploads and pasted text alike', () => {
    assert.equal(sources.length, 4);
  });

  it('never appear as markup in JSON responses: < > & are escaped in every read', async () => {
    const paths = [
      `${base}/sources`,
      ...sources.flatMap((id) => [`${base}/sources/${id}`, `${base}/sources/${id}/extraction`]),
      `${base}/attributions?limit=500`,
      `${base}/actors?limit=500`,
      `${base}/allegations?limit=500`,
      `${base}/search?q=council`,
      `${base}/search?q=alert`,
      `${base}/exports/json?includeText=true`,
      `${base}/exports/dossier`,
    ];
    for (const path of paths) {
      const res = await server.request('viewer', 'GET', path);
      const raw = await res.text();
      assert.equal(res.status, 200, `${path}: ${raw.slice(0, 200)}`);
      assert.ok(!/[<>]/.test(raw), `${path} contains raw angle brackets`);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(res.headers.get('content-type') ?? '', /json/);
    }
  });

  it('are stripped from the sanitised page view, which is served sandboxed', async () => {
    for (const id of sources) {
      const res = await server.request('viewer', 'GET', `${base}/sources/${id}/view`);
      const markup = await res.text();
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-security-policy') ?? '', /sandbox/);
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assertInertDocument(markup, `view ${id}`);
    }
  });

  it('are served as downloads, never rendered, from the original endpoint', async () => {
    const res = await server.request('viewer', 'GET', `${base}/sources/${uploaded[0] ?? ''}/original`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/octet-stream');
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment/);
    assert.ok((await res.text()).includes('<script>'), 'original bytes are unchanged');
  });

  it('are inert in CSV and Markdown exports, which are downloads with nosniff', async () => {
    for (const format of ['csv', 'dossier-md']) {
      const res = await server.request('viewer', 'GET', `${base}/exports/${format}`);
      await res.arrayBuffer();
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-disposition') ?? '', /^attachment/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.doesNotMatch(res.headers.get('content-type') ?? '', /html/);
    }
  });
});
