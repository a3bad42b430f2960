// The sanitised view of a PDF source shows its pages as images (poppler's pdftoppm), within a page limit,
// and a protected PDF shows masked text instead. Every text in these PDFs is fictional.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import { PDF_VIEW_PAGES } from '../../src/api/pdf-pages.ts';
import { buildPdf } from '../capture/build-pdf.ts';
import { startTestServer } from './harness.ts';

const server = await startTestServer();
const base = `/api/cases/${server.ownCase}`;
after(() => server.close());

async function uploadPdf(name: string, pdf: Buffer): Promise<string> {
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), name);
  const session = await server.session('analyst');
  const res = await fetch(`${server.url}${base}/ingest/files`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: form,
  });
  assert.equal(res.status, 200, await res.clone().text());
  const body = (await res.json()) as {
    items: { status: string; error?: string; value?: { sourceId: string } }[];
  };
  assert.equal(body.items[0]?.status, 'ok', body.items[0]?.error);
  return body.items[0]?.value?.sourceId ?? '';
}

async function view(sourceId: string): Promise<{ res: Response; document: Document }> {
  const res = await server.request('viewer', 'GET', `${base}/sources/${sourceId}/view`);
  assert.equal(res.status, 200);
  return { res, document: new JSDOM(await res.text()).window.document };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the sanitised view of a PDF source', () => {
  it('shows each page as a PNG image under the sandboxing policy, with nothing executable', async () => {
    const id = await uploadPdf(
      'fictional-bulletin.pdf',
      buildPdf([
        ['Fictional bulletin, page one: the Ostvale council said residents sheltered.'],
        ['Page two: an invented spokesperson said the river market was closed.'],
      ]),
    );
    const { res, document } = await view(id);
    assert.match(
      res.headers.get('content-security-policy') ?? '',
      /default-src 'none'; img-src data:;.*sandbox/,
    );
    const images = [...document.querySelectorAll('img')];
    assert.deepEqual(
      images.map((img) => img.getAttribute('alt')),
      ['Page 1 of 2', 'Page 2 of 2'],
    );
    for (const img of images) {
      const src = img.getAttribute('src') ?? '';
      assert.match(src, /^data:image\/png;base64,/);
      const png = Buffer.from(src.slice(src.indexOf(',') + 1), 'base64');
      assert.deepEqual(png.subarray(0, 8), PNG_SIGNATURE);
      assert.ok(png.length > 1000, 'a rendered page, not an empty image');
    }
    assert.equal(document.querySelectorAll('script, iframe, object, embed, a, form').length, 0);
    assert.equal(document.querySelector('pre'), null, 'pages, not the extracted text');
  });

  it(`shows at most ${PDF_VIEW_PAGES} pages and says how many the original has`, async () => {
    const pages = Array.from({ length: PDF_VIEW_PAGES + 3 }, (_, i) => [`Fictional report, page ${i + 1}.`]);
    const id = await uploadPdf('fictional-long-report.pdf', buildPdf(pages));
    const { document } = await view(id);
    assert.equal(document.querySelectorAll('img').length, PDF_VIEW_PAGES);
    assert.equal(document.querySelector('img')?.getAttribute('alt'), `Page 1 of ${PDF_VIEW_PAGES + 3}`);
    assert.match(
      document.body.textContent ?? '',
      new RegExp(`Pages 1–${PDF_VIEW_PAGES} of ${PDF_VIEW_PAGES + 3} shown`),
    );
  });

  it('shows a protected PDF to an uncleared viewer as masked text, never as page images', async () => {
    const id = await uploadPdf(
      'fictional-testimony.pdf',
      buildPdf([['An invented witness told investigators about the depot.']]),
    );
    const protect = await server.request('analyst', 'POST', `${base}/protections`, {
      body: { kind: 'source', objectId: id, reason: 'unpublished testimony' },
    });
    assert.equal(protect.status, 201, await protect.clone().text());
    const { document } = await view(id);
    assert.equal(document.querySelectorAll('img').length, 0);
    assert.ok(!(document.body.textContent ?? '').includes('depot'), 'the testimony is masked');
  });
});
