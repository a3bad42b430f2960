// Uploads and pasted text get a title whenever one is known: the document's own (HTML <title>, Markdown
// heading), a sidecar NAME.json uploaded with it, a heading-like first line, else the file name — never
// "Untitled". Real loopback server over SQLite. Every text here is fictional.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { titleFromFileName, titleFromFirstLine } from '../../src/api/ingest.routes.ts';
import { startTestServer } from './harness.ts';

const server = await startTestServer();
const base = `/api/cases/${server.ownCase}`;
const BODY =
  'Fictional. The mayor of Dalbrook, Ivan Petrenko, said on Tuesday that soldiers shot 12 civilians in the Dalbrook market, and the council said the same in a statement.';

interface IngestItem {
  id: string;
  status: string;
  error?: string;
  value?: { sourceId: string };
}

async function upload(files: { name: string; type: string; text: string }[]): Promise<IngestItem[]> {
  const s = await server.session('analyst');
  const form = new FormData();
  for (const f of files) form.append('files', new File([f.text], f.name, { type: f.type }));
  const res = await fetch(`${server.url}${base}/ingest/files`, {
    method: 'POST',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    body: form,
  });
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as { items: IngestItem[] }).items;
}

async function titleOf(item: IngestItem | undefined): Promise<string | null> {
  assert.equal(item?.status, 'ok', item?.error);
  const res = await server.request('viewer', 'GET', `${base}/sources/${item?.value?.sourceId ?? ''}`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { title: string | null }).title;
}

describe('titles of uploads', () => {
  it('takes the file name when the text has no title of its own', async () => {
    const [item] = await upload([{ name: 'dalbrook-market_shooting-2031-05-02.txt', type: 'text/plain', text: `${BODY}\n\nMore text follows here.` }]);
    assert.equal(await titleOf(item), 'dalbrook market shooting 2031-05-02');
  });

  it('takes the title of a sidecar NAME.json uploaded with the document, which is not an item itself', async () => {
    const items = await upload([
      { name: 'council-statement.txt', type: 'text/plain', text: `${BODY} Second version.` },
      { name: 'council-statement.json', type: 'application/json', text: JSON.stringify({ title: 'Dalbrook council statement (fictional)', outlet: 'Harbour Courier' }) },
    ]);
    assert.equal(items.length, 1);
    assert.equal(await titleOf(items[0]), 'Dalbrook council statement (fictional)');
  });

  it("takes an HTML page's <title>, a Markdown heading and a heading-like first line", async () => {
    const items = await upload([
      { name: 'page.html', type: 'text/html', text: `<html><head><title>Harbour Courier: market shooting</title></head><body><p>${BODY} HTML.</p></body></html>` },
      { name: 'notes.md', type: 'text/markdown', text: `# Field notes from Dalbrook\n\n${BODY} Markdown.` },
      { name: 'scan-0042.txt', type: 'text/plain', text: `Dalbrook market shooting, witness account\n\n${BODY} Plain.` },
    ]);
    assert.equal(await titleOf(items[0]), 'Harbour Courier: market shooting');
    assert.equal(await titleOf(items[1]), 'Field notes from Dalbrook');
    assert.equal(await titleOf(items[2]), 'Dalbrook market shooting, witness account');
  });

  it('titles pasted text by its given title, else by the start of its first line', async () => {
    const given = await server.request('analyst', 'POST', `${base}/ingest/text`, { body: { text: `${BODY} Pasted one.`, title: 'Given title' } });
    assert.equal(await titleOf(((await given.json()) as { items: IngestItem[] }).items[0]), 'Given title');
    const untitled = await server.request('analyst', 'POST', `${base}/ingest/text`, { body: { text: `${BODY} Pasted two.` } });
    const title = await titleOf(((await untitled.json()) as { items: IngestItem[] }).items[0]);
    assert.ok(title !== null && BODY.startsWith(title.replace(/…$/u, '')), String(title));
    assert.ok(title.length <= 120);
  });
});

describe('title helpers', () => {
  it('reads file names and first lines', () => {
    assert.equal(titleFromFileName('C:\\reports\\kestrava_council-report.txt'), 'kestrava council report');
    assert.equal(titleFromFileName('pasted.txt'), null);
    assert.equal(titleFromFirstLine('By Jane Roe\n\nBody text here.'), null);
    assert.equal(titleFromFirstLine('12 May\n\nBody text here.'), null);
    assert.equal(titleFromFirstLine('One long sentence that ends.'), null);
    assert.equal(titleFromFirstLine('## Report of the mission\nBody.'), 'Report of the mission');
  });
});

describe('the upload request schema', () => {
  const post = async (form: FormData): Promise<Response> => {
    const s = await server.session('analyst');
    return fetch(`${server.url}${base}/ingest/files`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      body: form,
    });
  };

  it('takes one document in the single `file` field and ignores plain fields beside it', async () => {
    const form = new FormData();
    form.append('file', new File([`${BODY}\n\nOne more line.`], 'single-field-upload.txt', { type: 'text/plain' }));
    form.append('note', 'a plain field');
    const res = await post(form);
    assert.equal(res.status, 200, await res.clone().text());
    const [item] = ((await res.json()) as { items: IngestItem[] }).items;
    assert.equal(await titleOf(item), 'single field upload');
  });

  it('refuses a form without a file as empty input', async () => {
    const form = new FormData();
    form.append('note', 'no documents here');
    const res = await post(form);
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'empty_input');
  });
});
