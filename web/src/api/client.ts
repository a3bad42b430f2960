import { present } from './present.ts';
import type {
  AllegationDetail,
  AllegationSummary,
  BoardFilters,
  CaseSummary,
  Checkpoint,
  CustodyEntry,
  Page,
  PlacePoint,
  RegistryActor,
  SearchHit,
  Session,
  SourceDetail,
  SourceSummary,
  VerifyResult,
} from './types.ts';

/**
 * The one module that talks HTTP to `corroborate serve`. Cookies carry the session (HttpOnly, same
 * origin); every write also sends the CSRF token the server handed out at sign-in. Every failure becomes
 * an {@link ApiError} carrying the server's stable `{error:{code,message}}` body.
 */

/** An API failure with the server's error code and one-line message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** Upload progress, in bytes, for one file. */
export type ProgressListener = (loaded: number, total: number) => void;

/** What one ingested item came back as. */
export interface IngestOutcome {
  readonly name: string;
  readonly status: 'ok' | 'error' | 'skipped';
  readonly sourceId: string | null;
  readonly error: string | null;
}

const CSRF_HEADER = 'x-csrf-token';

function caseBase(caseId: string): string {
  return `/cases/${encodeURIComponent(caseId)}`;
}

async function failure(response: Response): Promise<ApiError> {
  let code = `http_${response.status}`;
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
  } catch {
    // Not JSON: keep the status line.
  }
  return new ApiError(response.status, code, message);
}

function query(params: Readonly<Record<string, string | number | undefined | null>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** The API client: one instance per page, created in `main.tsx` and passed down through context. */
export class ApiClient {
  private csrf: string | null = null;
  private readonly base: string;

  constructor(base = '/api') {
    this.base = base;
  }

  /** The CSRF token to send on writes: the one from sign-in, else the readable csrf cookie. */
  private token(): string | null {
    return this.csrf ?? readCookie('corroborate_csrf') ?? readCookie('__Host-corroborate_csrf');
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) {
      payload = body;
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    if (method !== 'GET') {
      const token = this.token();
      if (token !== null) headers[CSRF_HEADER] = token;
    }
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
    });
    if (!response.ok) throw await failure(response);
    if (response.status === 204) return null;
    const type = response.headers.get('content-type') ?? '';
    return type.includes('json') ? ((await response.json()) as unknown) : await response.text();
  }

  /**
   * Whether this browser may hold a session: the readable CSRF cookie is set with the HttpOnly session
   * cookie, so without it there is no session to ask about (and not asking spares a 401 in the console of
   * every signed-out page).
   */
  signedIn(): boolean {
    return this.token() !== null;
  }

  /** The current session, or null when signed out. */
  async session(): Promise<Session | null> {
    if (!this.signedIn()) return null;
    try {
      const body = await this.request('GET', '/auth/me');
      const session = present.session(body);
      if (session.csrfToken !== null) this.csrf = session.csrfToken;
      return session;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 404)) return null;
      throw error;
    }
  }

  /** Signs in with a local account; the server sets the session cookie. */
  async login(name: string, password: string): Promise<Session> {
    const body = await this.request('POST', '/auth/login', { name, password });
    const session = present.session(body);
    this.csrf = session.csrfToken;
    return (await this.session()) ?? session;
  }

  /** Signs out and forgets the CSRF token. */
  async logout(): Promise<void> {
    await this.request('POST', '/auth/logout');
    this.csrf = null;
  }

  /** Cases the user may see. */
  async cases(): Promise<readonly CaseSummary[]> {
    return present.page(await this.request('GET', '/cases'), present.caseSummary).items;
  }

  /** One page of a case's inbox, newest capture first. */
  async sources(caseId: string, cursor?: string | null): Promise<Page<SourceSummary>> {
    const body = await this.request('GET', `${caseBase(caseId)}/sources${query({ cursor, limit: 100 })}`);
    return present.page(body, present.sourceSummary);
  }

  /**
   * Uploads one file into a case with progress. Uses XMLHttpRequest because fetch cannot report upload
   * progress.
   */
  uploadFile(caseId: string, file: File, onProgress: ProgressListener): Promise<IngestOutcome> {
    const form = new FormData();
    form.append('files', file, file.name);
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${this.base}${caseBase(caseId)}/ingest/files`);
      xhr.withCredentials = true;
      xhr.setRequestHeader('accept', 'application/json');
      const token = this.token();
      if (token !== null) xhr.setRequestHeader(CSRF_HEADER, token);
      xhr.upload.addEventListener('progress', (event) => onProgress(event.loaded, event.total));
      xhr.addEventListener('load', () => {
        let body: unknown = null;
        try {
          body = JSON.parse(xhr.responseText) as unknown;
        } catch {
          body = null;
        }
        resolve(present.ingest(file.name, xhr.status, body));
      });
      xhr.addEventListener('error', () =>
        resolve({ name: file.name, status: 'error', sourceId: null, error: 'network error' }),
      );
      xhr.send(form);
    });
  }

  /** Captures a URL into a case (the server applies its SSRF guard). */
  async submitUrl(caseId: string, url: string): Promise<IngestOutcome> {
    try {
      const body = await this.request('POST', `${caseBase(caseId)}/ingest/urls`, { urls: [url] });
      return present.ingest(url, 200, body);
    } catch (error) {
      return {
        name: url,
        status: 'error',
        sourceId: null,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }

  /** Ingests pasted text as a source, with optional title, outlet and publication date. */
  async submitText(
    caseId: string,
    text: string,
    meta: { readonly title?: string; readonly outlet?: string; readonly published?: string },
  ): Promise<IngestOutcome> {
    const name = meta.title || 'pasted text';
    const clean = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined && v !== ''));
    try {
      const body = await this.request('POST', `${caseBase(caseId)}/ingest/text`, { text, ...clean });
      return present.ingest(name, 200, body);
    } catch (error) {
      return {
        name,
        status: 'error',
        sourceId: null,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }

  /** A source with its normalised text and its extraction. */
  async source(caseId: string, sourceId: string): Promise<SourceDetail> {
    const base = `${caseBase(caseId)}/sources/${encodeURIComponent(sourceId)}`;
    const detail = await this.request('GET', base);
    // Ask for the extraction only once there is one: a 404 would be noise in the console of every new source.
    const pending = present.sourceSummary(detail).extraction === 'pending';
    const [extraction, stored] = pending
      ? [null, []]
      : await Promise.all([
          this.request('GET', `${base}/extraction`).catch((error: unknown) => {
            if (error instanceof ApiError && error.status === 404) return null;
            throw error;
          }),
          this.storedAttributions(caseId, sourceId),
        ]);
    return present.sourceDetail(detail, extraction, stored);
  }

  /** Every stored attribution of a source (their ids are what reviews name). */
  private async storedAttributions(caseId: string, sourceId: string): Promise<unknown[]> {
    const stored: unknown[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i += 1) {
      const body = await this.request(
        'GET',
        `${caseBase(caseId)}/attributions${query({ sourceId, cursor, limit: 500 })}`,
      );
      const page: Page<unknown> = present.page(body, (v) => v);
      stored.push(...page.items);
      if (page.next === null) break;
      cursor = page.next;
    }
    return stored;
  }

  /** URL of the sanitised original page (HTML) or PDF, for the reader's "original" toggle. */
  originalUrl(caseId: string, sourceId: string): string {
    return `${this.base}${caseBase(caseId)}/sources/${encodeURIComponent(sourceId)}/view`;
  }

  /** Records an analyst review of an attribution (spans by offsets only: the server reads their text). */
  async reviewAttribution(
    caseId: string,
    attributionId: string,
    review: {
      readonly action: 'accept' | 'edit' | 'reattribute' | 'reject';
      readonly rationale?: string;
      readonly edit?: {
        readonly source?: { readonly start: number; readonly end: number } | null;
        readonly cue?: { readonly start: number; readonly end: number };
        readonly content?: readonly { readonly start: number; readonly end: number }[];
        readonly stance?: string;
      };
      readonly caseActorId?: string;
    },
  ): Promise<void> {
    await this.request(
      'POST',
      `${caseBase(caseId)}/attributions/${encodeURIComponent(attributionId)}/review`,
      review,
    );
  }

  /** One page of the allegations board. */
  async allegations(
    caseId: string,
    filters: BoardFilters,
    cursor?: string | null,
    limit = 200,
  ): Promise<Page<AllegationSummary>> {
    const body = await this.request(
      'GET',
      `${caseBase(caseId)}/allegations${query({ ...filters, cursor, limit })}`,
    );
    return present.page(body, present.allegationSummary);
  }

  /**
   * The case's actor registry for the board's actor filter: the first `limit` actors by name (merged ones
   * left out).
   */
  async actorRegistry(caseId: string, limit = 500): Promise<readonly RegistryActor[]> {
    const body = await this.request('GET', `${caseBase(caseId)}/actors${query({ limit })}`);
    return present.page(body, present.registryActor).items.filter((a) => a.id !== '' && a.name !== '');
  }

  /** One allegation with its origin groups, reasons, figures and custody entries. */
  async allegation(caseId: string, allegationId: string): Promise<AllegationDetail> {
    return present.allegationDetail(
      await this.request('GET', `${caseBase(caseId)}/allegations/${encodeURIComponent(allegationId)}`),
    );
  }

  /** Records the analyst decision on an allegation (lead role). */
  async decide(caseId: string, allegationId: string, decision: string, rationale: string): Promise<void> {
    await this.request(
      'POST',
      `${caseBase(caseId)}/allegations/${encodeURIComponent(allegationId)}/decision`,
      { decision, rationale },
    );
  }

  /**
   * Geocoded places of a case with how many allegations name each: every page of the place facts, merged by
   * name and position, counted against every allegation's places.
   */
  async places(caseId: string): Promise<readonly PlacePoint[]> {
    const facts: unknown[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i += 1) {
      const body = await this.request('GET', `${caseBase(caseId)}/places${query({ cursor, limit: 500 })}`);
      const page = present.page(body, (v) => v);
      facts.push(...page.items);
      if (page.next === null) break;
      cursor = page.next;
    }
    const allegations: AllegationSummary[] = [];
    cursor = null;
    for (let i = 0; i < 50; i += 1) {
      const page = await this.allegations(caseId, {}, cursor, 500);
      allegations.push(...page.items);
      if (page.next === null) break;
      cursor = page.next;
    }
    return present.places(facts, allegations);
  }

  /** Full-text search over a case's sources and attributions (redacted by the server). */
  async search(caseId: string, q: string): Promise<readonly SearchHit[]> {
    const body = await this.request('GET', `${caseBase(caseId)}/search${query({ q })}`);
    return present.page(body, present.searchHit).items;
  }

  /** One page of the custody log. */
  async custody(caseId: string, cursor?: string | null): Promise<Page<CustodyEntry>> {
    const body = await this.request('GET', `${caseBase(caseId)}/custody${query({ cursor, limit: 100 })}`);
    return present.page(body, present.custodyEntry);
  }

  /**
   * Custody entries touching an allegation: its own (decisions, statement edits) and those of the sources it
   * rests on (capture, extraction, clustering). Scans at most `maxPages` pages of the case log.
   */
  async custodyTouching(
    caseId: string,
    objectIds: ReadonlySet<string>,
    maxPages = 10,
  ): Promise<{ readonly entries: readonly CustodyEntry[]; readonly complete: boolean }> {
    const entries: CustodyEntry[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < maxPages; i += 1) {
      const body = await this.request('GET', `${caseBase(caseId)}/custody${query({ cursor, limit: 500 })}`);
      const page: Page<CustodyEntry> = present.page(body, present.custodyEntry);
      entries.push(...page.items.filter((e) => objectIds.has(e.objectId)));
      if (page.next === null) return { entries, complete: true };
      cursor = page.next;
    }
    return { entries, complete: false };
  }

  /** The latest signed checkpoint, or null when none was signed yet (the server answers 200 with null). */
  async latestCheckpoint(): Promise<Checkpoint | null> {
    return present.checkpoint(await this.request('GET', '/custody/checkpoints/latest'));
  }

  /** Verifies the whole log against its checkpoints on the server. */
  async verify(caseId: string): Promise<VerifyResult> {
    return present.verify(await this.request('GET', `${caseBase(caseId)}/custody/verify`));
  }
}
