import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from './docs-page.ts';
import type { RenderedPdf } from './pdf-pages.ts';

/**
 * Captured pages are untrusted. This keeps only inert structure (headings, paragraphs, lists, tables,
 * emphasis, quotes, links with http/https targets) and drops every script, style, frame, form, media
 * element, event handler and non-http URL. The result is also served under a sandboxing CSP.
 */
export function sanitizeCapturedHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'article',
      'section',
      'header',
      'footer',
      'main',
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'p',
      'br',
      'hr',
      'ul',
      'ol',
      'li',
      'dl',
      'dt',
      'dd',
      'blockquote',
      'q',
      'cite',
      'em',
      'strong',
      'b',
      'i',
      'u',
      's',
      'sub',
      'sup',
      'small',
      'mark',
      'code',
      'pre',
      'figure',
      'figcaption',
      'table',
      'thead',
      'tbody',
      'tfoot',
      'tr',
      'th',
      'td',
      'caption',
      'time',
      'abbr',
      'span',
      'div',
      'a',
    ],
    allowedAttributes: {
      a: ['href', 'title'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
      time: ['datetime'],
    },
    allowedSchemes: ['http', 'https'],
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: [
      'script',
      'style',
      'textarea',
      'option',
      'noscript',
      'template',
      'iframe',
      'object',
      'svg',
      'math',
    ],
    transformTags: {
      a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
    },
  });
}

/** What the sanitised view shows: sanitised markup, escaped text, or a PDF's pages as images. */
export type CapturedPageBody = { html: string } | { text: string } | { pdf: RenderedPdf };

/** A complete, inert HTML document around sanitised body markup, escaped text in a `pre`, or PDF page images. */
export function capturedPageDocument(title: string, body: CapturedPageBody): string {
  let content: string;
  let style = '';
  if ('html' in body) content = body.html;
  else if ('text' in body) content = `<pre>${escapeHtml(body.text)}</pre>`;
  else {
    const { pages, pageCount } = body.pdf;
    style =
      '<style>body{margin:0;background:#ddd}img{display:block;max-width:100%;margin:8px auto;background:#fff;box-shadow:0 1px 3px #0006}p{text-align:center;font:14px sans-serif}</style>';
    content = pages
      .map(
        (png, i) =>
          `<img alt="Page ${i + 1} of ${pageCount}" src="data:image/png;base64,${png.toString('base64')}">`,
      )
      .join('');
    if (pageCount > pages.length) {
      content += `<p>Pages 1–${pages.length} of ${pageCount} shown; download the original for the rest.</p>`;
    }
  }
  return `<!doctype html><html lang="und"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${style}</head><body>${content}</body></html>`;
}
