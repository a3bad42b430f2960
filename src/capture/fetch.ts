import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { CorroborateError, isCorroborateError } from '../errors.ts';
import { assertPublicAddress } from './ssrf.ts';
import type { Redirect } from './types.ts';

/** One resolved address of a host name. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves a host name to all its addresses (the system resolver by default; injectable for tests). */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** Limits and policy for {@link fetchPublicUrl}. */
export interface FetchOptions {
  /** Largest body accepted, in bytes. */
  readonly maxBytes: number;
  /** Whole-fetch deadline including redirects, in milliseconds (default 20 s). */
  readonly timeoutMs?: number;
  /** Most redirects followed (default 5). */
  readonly maxRedirects?: number;
  /** Allow loopback/private/link-local targets (default false). */
  readonly allowPrivate?: boolean;
  /** Specific addresses allowed even though they are not public (e.g. a trusted internal mirror). */
  readonly allowAddresses?: readonly string[];
  /** Accepted media types (default: HTML, XHTML, plain text, Markdown, PDF). */
  readonly acceptTypes?: readonly string[];
  readonly resolve?: Resolver;
  readonly userAgent?: string;
}

/** A fetched body with the facts needed to keep it as evidence. */
export interface FetchedResource {
  /** The URL as requested. */
  readonly url: string;
  /** The URL the body came from, after redirects. */
  readonly finalUrl: string;
  /** The address actually connected to for the final request. */
  readonly address: string;
  readonly status: number;
  readonly contentType: string;
  /** The media type without parameters, lowercased. */
  readonly mediaType: string;
  readonly bytes: Uint8Array;
  readonly redirects: readonly Redirect[];
  readonly fetchedAt: string;
}

/** Media types URL capture accepts by default. */
export const DEFAULT_ACCEPT_TYPES: readonly string[] = [
  'text/html',
  'application/xhtml+xml',
  'text/plain',
  'text/markdown',
  'application/pdf',
];

const systemResolver: Resolver = async (hostname) => {
  const results = await dnsLookup(hostname, { all: true, verbatim: true });
  return results.map((r) => ({ address: r.address, family: r.family === 6 ? 6 : 4 }));
};

/**
 * Fetches an http(s) URL with an SSRF guard: the host is resolved, every resolved address must be
 * public (see {@link assertPublicAddress}) and the connection goes to the very address that was
 * checked, so a DNS answer that changes between check and connect (rebinding) cannot slip through.
 * Redirects are followed by hand, each hop checked the same way and recorded. Size, time, status
 * and content-type limits apply; each failure is a `CorroborateError` naming the URL and reason.
 *
 * @example
 * const page = await fetchPublicUrl('https://news.example/report', { maxBytes: 10_000_000 });
 */
export async function fetchPublicUrl(url: string, options: FetchOptions): Promise<FetchedResource> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const redirects: Redirect[] = [];
  let current = url;
  try {
    for (;;) {
      const target = parseHttpUrl(current, url);
      const address = await resolveChecked(target, url, options);
      const response = await request(target, address, options, controller.signal, url, timeoutMs);
      if (response.location !== null) {
        const next = resolveLocation(response.location, target, url);
        redirects.push({ from: target.href, to: next, status: response.status });
        if (redirects.length > maxRedirects) {
          throw new CorroborateError('fetch_failed', `${url}: more than ${maxRedirects} redirects`);
        }
        current = next;
        continue;
      }
      return {
        url,
        finalUrl: target.href,
        address: address.address,
        status: response.status,
        contentType: response.contentType,
        mediaType: response.contentType.split(';')[0]?.trim().toLowerCase() ?? '',
        bytes: response.body,
        redirects,
        fetchedAt: new Date().toISOString(),
      };
    }
  } finally {
    clearTimeout(timer);
  }
}

function parseHttpUrl(value: string, label: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new CorroborateError('invalid_input', `${label}: not a valid URL: ${value}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new CorroborateError('ssrf_refused', `${label}: refused: only http and https URLs are captured, not ${parsed.protocol}`);
  }
  return parsed;
}

function resolveLocation(location: string, base: URL, label: string): string {
  try {
    return new URL(location, base).href;
  } catch {
    throw new CorroborateError('fetch_failed', `${label}: redirect to an invalid location: ${location}`);
  }
}

async function resolveChecked(target: URL, label: string, options: FetchOptions): Promise<ResolvedAddress> {
  const host = target.hostname.replace(/^\[|\]$/g, '');
  let addresses: readonly ResolvedAddress[];
  if (ipaddr.isValid(host)) {
    const parsed = ipaddr.parse(host);
    addresses = [{ address: parsed.toString(), family: parsed.kind() === 'ipv6' ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolver)(host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new CorroborateError('fetch_failed', `${label}: cannot resolve host ${host} (${code})`);
    }
  }
  const first = addresses[0];
  if (first === undefined) throw new CorroborateError('fetch_failed', `${label}: host ${host} has no address`);
  // Every answer must be public: otherwise a round-robin answer could mix in an internal address.
  const hopLabel = target.href === label ? label : `${label} (redirect to ${target.href})`;
  for (const a of addresses) assertPublicAddress(a.address, hopLabel, options);
  return first;
}

interface RawResponse {
  readonly status: number;
  readonly location: string | null;
  readonly contentType: string;
  readonly body: Uint8Array;
}

function request(
  target: URL,
  address: ResolvedAddress,
  options: FetchOptions,
  signal: AbortSignal,
  label: string,
  timeoutMs: number,
): Promise<RawResponse> {
  // Pin the connection to the checked address; host name still goes in Host and TLS SNI.
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all === true) {
      (callback as unknown as (e: null, a: readonly ResolvedAddress[]) => void)(null, [address]);
    } else {
      callback(null, address.address, address.family);
    }
  };
  const accept = options.acceptTypes ?? DEFAULT_ACCEPT_TYPES;
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<RawResponse>((resolve, reject) => {
    const fail = (error: unknown): void => {
      if (isCorroborateError(error)) return reject(error);
      if (signal.aborted) return reject(new CorroborateError('timeout', `${label}: no complete answer within ${timeoutMs} ms`));
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      reject(new CorroborateError('fetch_failed', `${label}: unreachable (${code})`));
    };
    const req = client.request(
      target,
      {
        method: 'GET',
        lookup: pinned,
        signal,
        headers: {
          accept: accept.join(', '),
          'accept-encoding': 'identity',
          'user-agent': options.userAgent ?? 'Corroborate/0.1 (evidence capture)',
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (status >= 300 && status < 400 && location !== undefined) {
          res.resume();
          resolve({ status, location, contentType: '', body: new Uint8Array() });
          return;
        }
        if (status < 200 || status >= 300) {
          res.resume();
          reject(new CorroborateError('fetch_failed', `${label}: HTTP ${status} from ${target.href}`));
          return;
        }
        const contentType = res.headers['content-type'] ?? '';
        const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
        if (!accept.includes(mediaType)) {
          res.destroy();
          reject(
            new CorroborateError('unsupported_type', `${label}: content type '${mediaType || 'none'}' is not one of ${accept.join(', ')}`),
          );
          return;
        }
        const declared = Number(res.headers['content-length'] ?? NaN);
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          res.destroy();
          reject(new CorroborateError('too_large', `${label}: ${declared} bytes exceeds the ${options.maxBytes}-byte limit`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            res.destroy();
            reject(new CorroborateError('too_large', `${label}: body exceeds the ${options.maxBytes}-byte limit`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', fail);
        res.on('end', () => {
          if (!res.complete) {
            reject(new CorroborateError('fetch_failed', `${label}: connection closed before the body was complete`));
            return;
          }
          resolve({ status, location: null, contentType, body: new Uint8Array(Buffer.concat(chunks)) });
        });
      },
    );
    req.on('error', fail);
    req.end();
  });
}
