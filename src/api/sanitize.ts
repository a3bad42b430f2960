import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from './docs-page.ts';

/**
 * Captured pages are untrusted. This keeps only inert structure (headings, paragraphs, lists, tables,
 * emphasis, quotes, links with http/https targets) and drops every script, style, frame, form, media
 * element, event handler and non-http URL. The result is also served under a sandboxing CSP.
 */
export function sanitizeCapturedHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'article', 'section', 'header', 'footer', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr',
      'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'q', 'cite', 'em', 'strong', 'b', 'i', 'u', 's', 'sub',
      'sup', 'small', 'mark', 'code', 'pre', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot', 'tr',
      'th', 'td', 'caption', 'time', 'abbr', 'span', 'div', 'a',
    ],
    allowedAttributes: { a: ['href', 'title'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'], time: ['datetime'] },
    allowedSchemes: ['http', 'https'],
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'svg', 'math'],
    transformTags: {
      a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
    },
  });
}

/** A complete, inert HTML document around sanitised body markup (or escaped text in a `pre`). */
export function capturedPageDocument(title: string, body: { html: string } | { text: string }): string {
  const content = 'html' in body ? body.html : `<pre>${escapeHtml(body.text)}</pre>`;
  return `<!doctype html><html lang="und"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${content}</body></html>`;
}
