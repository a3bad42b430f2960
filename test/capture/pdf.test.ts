// The PDF texts are fictional.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePdf } from '../../src/capture/index.ts';
import { buildPdf } from './build-pdf.ts';

describe('parsePdf', () => {
  it('reads the text layer and keeps page offsets into the text', async () => {
    const pdf = buildPdf([
      ['Fictional Monitoring Mission, report 7.', 'Page one, second line.'],
      [],
      ['Page three: the bridge at Vellmar remained closed.'],
    ]);
    const parsed = await parsePdf(pdf, 'report.pdf');
    assert.equal(parsed.text, 'Fictional Monitoring Mission, report 7.\nPage one, second line.\n\nPage three: the bridge at Vellmar remained closed.');
    const pages = parsed.pages ?? [];
    assert.deepEqual(
      pages.map((p) => [p.page, parsed.text.slice(p.start, p.end)]),
      [
        [1, 'Fictional Monitoring Mission, report 7.\nPage one, second line.'],
        [2, ''],
        [3, 'Page three: the bridge at Vellmar remained closed.'],
      ],
    );
    assert.equal(parsed.metadata?.title, 'A fictional report');
  });

  it('refuses a truncated PDF', async () => {
    const pdf = buildPdf([['Fictional text that will be cut off.']]);
    await assert.rejects(parsePdf(pdf.subarray(0, 200), 'cut.pdf'), { code: 'malformed', message: /^cut\.pdf: truncated or malformed PDF/ });
  });

  it('refuses a PDF without a text layer', async () => {
    await assert.rejects(parsePdf(buildPdf([[]]), 'scan.pdf'), { code: 'malformed', message: /scan\.pdf: PDF has no text layer/ });
  });

  it('refuses a file that is not a PDF', async () => {
    await assert.rejects(parsePdf(Buffer.from('hello'), 'fake.pdf'), { message: 'fake.pdf: not a PDF (no %PDF- header)' });
  });
});
