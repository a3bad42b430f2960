import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { CorroborateError } from '../errors.ts';
import { decodeText, looksBinary, sniffHtmlCharset } from './decode.ts';
import type { ParsedDocument } from './item.ts';
import { normalisePublished } from './metadata.ts';
import { normaliseLanguageTag } from './language.ts';
import { normaliseText } from './normalise.ts';
import type { DocumentMetadata, SourceKind } from './types.ts';

/** Elements after which text continues on a new paragraph. */
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'TABLE',
  'TR', 'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'NAV']);

/**
 * Reads an HTML page: main text through Mozilla Readability (falling back to the whole body for
 * pages too short for it), plus title, byline, publication date, canonical URL, outlet and language
 * from the page's own metadata (Open Graph, article:*, JSON-LD, `<link rel=canonical>`, `<html lang>`).
 * Scripts never run and nothing is fetched. Refuses pages without any text.
 *
 * @param baseUrl the page's address, to resolve a relative canonical link.
 */
export function parseHtml(
  bytes: Uint8Array,
  label: string,
  options: { readonly charset?: string | null; readonly baseUrl?: string } = {},
): ParsedDocument {
  if (bytes.length === 0) throw new CorroborateError('empty_input', `${label}: empty file`);
  if (looksBinary(bytes)) throw new CorroborateError('malformed', `${label}: binary content, not HTML`);
  const html = decodeText(bytes, label, options.charset ?? sniffHtmlCharset(bytes));
  const dom = new JSDOM(html, {
    url: options.baseUrl?.startsWith('http') === true ? options.baseUrl : 'https://localhost.invalid/',
    virtualConsole: new VirtualConsole(),
  });
  try {
    const document = dom.window.document;
    const own = pageMetadata(document);
    const fallbackText = blockText(document.body);
    const article = new Readability<Node>(document, { serializer: (node) => node }).parse();
    const mainText = article?.content ? blockText(article.content) : '';
    const text = mainText.trim().length >= 200 || fallbackText.trim() === '' ? mainText : fallbackText;
    if (text.trim() === '') throw new CorroborateError('malformed', `${label}: HTML without text`);
    const metadata: Partial<DocumentMetadata> = {
      ...own.metadata,
      title: own.metadata.title ?? nonEmpty(article?.title),
      byline: own.metadata.byline ?? nonEmpty(article?.byline),
      outlet: own.metadata.outlet ?? nonEmpty(article?.siteName),
      published: own.metadata.published ?? dateOf(article?.publishedTime),
    };
    return { text, metadata, extra: own.extra };
  } finally {
    dom.window.close();
  }
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed === undefined || trimmed === '' ? null : trimmed;
}

function dateOf(value: string | null | undefined): string | null {
  const v = nonEmpty(value);
  return v === null ? null : normalisePublished(v);
}

/** Text of a subtree with paragraph breaks at block elements and line breaks at `<br>`. */
function blockText(root: Node | null): string {
  if (root === null) return '';
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      parts.push((node.nodeValue ?? '').replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== 1) return;
    const name = (node as Element).tagName.toUpperCase();
    if (SKIP.has(name)) return;
    if (name === 'BR') {
      parts.push('\n');
      return;
    }
    const block = BLOCKS.has(name) || name === 'TD' || name === 'TH';
    if (block) parts.push(name === 'TD' || name === 'TH' ? '\t' : '\n\n');
    for (let child = node.firstChild; child !== null; child = child.nextSibling) walk(child);
    if (block && name !== 'TD' && name !== 'TH') parts.push('\n\n');
  };
  walk(root);
  return normaliseText(
    parts
      .join('')
      .split('\n')
      .map((line) => line.replace(/^[ \t]+|[ \t]+$/g, '').replace(/ {2,}/g, ' '))
      .join('\n'),
  );
}

interface PageMetadata {
  readonly metadata: Partial<DocumentMetadata>;
  readonly extra: Readonly<Record<string, unknown>>;
}

/** Metadata a page states about itself; JSON-LD first, then Open Graph / article:*, then plain HTML. */
function pageMetadata(document: Document): PageMetadata {
  const meta = (...names: string[]): string | null => {
    for (const name of names) {
      const el = document.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`);
      const value = nonEmpty(el?.getAttribute('content'));
      if (value !== null) return value;
    }
    return null;
  };
  const ld = jsonLdArticle(document);
  const canonicalHref = document.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? null;
  const canonical = resolveUrl(canonicalHref, document.URL) ?? resolveUrl(meta('og:url'), document.URL);
  const ogType = meta('og:type');
  const kind: SourceKind | null =
    ld.isArticle || ogType === 'article' ? 'article' : ld.types.some((t) => /Report/i.test(t)) ? 'report' : null;
  const lang = nonEmpty(document.documentElement.getAttribute('lang')) ?? meta('og:locale', 'language', 'content-language');
  const published =
    dateOf(ld.datePublished) ??
    dateOf(meta('article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'DC.date.issued')) ??
    dateOf(document.querySelector('time[datetime]')?.getAttribute('datetime'));
  const metadata: Partial<DocumentMetadata> = {
    title: nonEmpty(ld.headline) ?? meta('og:title', 'twitter:title') ?? nonEmpty(document.title),
    byline: nonEmpty(ld.author) ?? meta('author', 'article:author', 'byl', 'parsely-author'),
    outlet: nonEmpty(ld.publisher) ?? meta('og:site_name', 'application-name', 'publisher'),
    canonicalUrl: canonical,
    published,
    kind,
    language: lang === null ? null : normaliseLanguageTag(lang),
  };
  const extra: Record<string, unknown> = {};
  const description = meta('og:description', 'description');
  if (description !== null) extra.description = description;
  const modified = dateOf(ld.dateModified) ?? dateOf(meta('article:modified_time'));
  if (modified !== null) extra.modified = modified;
  const rawPublished = ld.datePublished ?? meta('article:published_time');
  if (rawPublished !== null) extra.publishedTime = rawPublished;
  return { metadata, extra };
}

function resolveUrl(href: string | null, base: string): string | null {
  if (href === null) return null;
  try {
    const url = new URL(href, base);
    return url.hostname === 'localhost.invalid' ? null : url.href;
  } catch {
    return null;
  }
}

interface LdArticle {
  readonly isArticle: boolean;
  readonly types: readonly string[];
  readonly headline: string | null;
  readonly author: string | null;
  readonly publisher: string | null;
  readonly datePublished: string | null;
  readonly dateModified: string | null;
}

/** The first JSON-LD object describing a creative work (NewsArticle, Article, Report…); malformed blocks are ignored. */
function jsonLdArticle(document: Document): LdArticle {
  const empty: LdArticle = { isArticle: false, types: [], headline: null, author: null, publisher: null, datePublished: null, dateModified: null };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    for (const node of flattenLd(parsed)) {
      const types = ([] as unknown[]).concat(node['@type']).filter((t): t is string => typeof t === 'string');
      if (!types.some((t) => /Article|Report|BlogPosting|CreativeWork|WebPage/i.test(t))) continue;
      if (types.every((t) => /WebPage/i.test(t)) && node.headline === undefined) continue;
      return {
        isArticle: types.some((t) => /Article|BlogPosting/i.test(t)),
        types,
        headline: str(node.headline) ?? str(node.name),
        author: names(node.author),
        publisher: names(node.publisher),
        datePublished: str(node.datePublished),
        dateModified: str(node.dateModified),
      };
    }
  }
  return empty;
}

function flattenLd(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(flattenLd);
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  return [record, ...flattenLd(record['@graph'])];
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? nonEmpty(value) : null;
}

function names(value: unknown): string | null {
  const list = ([] as unknown[]).concat(value ?? []);
  const out = list
    .map((v) => (typeof v === 'string' ? v : v !== null && typeof v === 'object' ? str((v as Record<string, unknown>).name) : null))
    .filter((v): v is string => v !== null && v.trim() !== '');
  return out.length === 0 ? null : out.join(', ');
}
