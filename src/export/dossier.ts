import type { Basis, QuoteKind, Span, Stance } from '../extract/types.ts';
import type { AllegationDetail } from '../store/allegations.ts';
import type { Checkpoint, CustodyEntry, InclusionProof } from '../store/custody.ts';
import type { ReviewStatus } from '../store/extractions.ts';
import type { CaseBundle } from './bundle.ts';

/** A custody entry as a dossier cites it: enough to find and re-hash it in the log. */
export interface CustodyCitation {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly leafHash: string;
}

/** One source with everything needed to show it is the document captured, unchanged. */
export interface DossierSource {
  readonly id: string;
  readonly title: string | null;
  readonly outlet: string | null;
  readonly published: string | null;
  readonly url: string | null;
  readonly kind: string;
  /** SHA-256 of the original bytes as captured. */
  readonly sha256: string;
  /** SHA-256 of the normalised text every offset refers to. */
  readonly textSha256: string;
  readonly captures: readonly {
    readonly capturedAt: string;
    readonly actor: string;
    readonly origin: string;
    readonly method: string;
  }[];
  readonly extraction: {
    readonly runId: string;
    readonly extractorVersion: string;
    readonly resultSha256: string;
  } | null;
  readonly custody: readonly CustodyCitation[];
  /** Inclusion proof of the capture entry against {@link Dossier.provenance.checkpoint}, when covered. */
  readonly captureProof: InclusionProof | null;
}

/** One attribution with its review history; `extracted` appears when review changed it. */
export interface DossierAttribution {
  readonly id: string;
  readonly sourceId: string;
  readonly speaker: string | null;
  readonly caseActorId: string | null;
  readonly caseActor: string | null;
  readonly cue: Span;
  readonly content: readonly Span[];
  readonly stance: Stance;
  readonly quote: QuoteKind;
  readonly channel: string | null;
  readonly basis: readonly Basis[];
  readonly confidence: number;
  readonly reviewStatus: ReviewStatus;
  readonly extracted: {
    readonly source: Span | null;
    readonly cue: Span;
    readonly content: readonly Span[];
    readonly stance: Stance;
  } | null;
  readonly reviews: readonly {
    readonly action: string;
    readonly rationale: string | null;
    readonly actor: string;
    readonly at: string;
    readonly custodySeq: number | null;
  }[];
}

/** A self-contained, verifiable account of a case (or a selection of its attributions). */
export interface Dossier {
  readonly format: 'corroborate-dossier/v1';
  readonly generatedAt: string;
  readonly case: {
    readonly id: string;
    readonly name: string;
    readonly description: string | null;
    readonly region: string | null;
  };
  readonly scope:
    | { readonly kind: 'case' }
    | { readonly kind: 'selection'; readonly label: string; readonly attributionIds: readonly string[] };
  /** The allegation the dossier is about, when scoped to one. */
  readonly allegation: AllegationDetail | null;
  readonly summary: {
    readonly sources: number;
    readonly attributions: number;
    readonly actors: number;
    readonly figures: number;
    readonly reviews: number;
  };
  readonly provenance: {
    /** The newest signed checkpoint when the dossier was made: the root every proof leads to. */
    readonly checkpoint: Checkpoint | null;
    /** Custody entries of the case covered by the checkpoint, and all of them. */
    readonly custodyEntriesCovered: number;
    readonly custodyEntries: number;
    readonly howToVerify: readonly string[];
  };
  readonly sources: readonly DossierSource[];
  readonly actors: readonly {
    readonly id: string;
    readonly name: string;
    readonly type: string;
    readonly role: string | null;
    readonly affiliation: string | null;
    readonly aliases: readonly string[];
  }[];
  readonly attributions: readonly DossierAttribution[];
  readonly figures: readonly {
    readonly sourceId: string;
    readonly text: string;
    readonly min: number | null;
    readonly max: number | null;
    readonly approx: boolean;
    readonly counts: string | null;
    readonly place: string | null;
    readonly start: number;
    readonly end: number;
  }[];
}

/** Restricts a dossier to some attributions (e.g. one allegation's) and the sources they come from. */
export interface DossierScope {
  readonly label: string;
  readonly attributionIds: readonly string[];
  /** When the selection is one allegation: its statement, status with reasons, origin groups, figures, decisions. */
  readonly allegation?: AllegationDetail;
}

const HOW_TO_VERIFY = [
  'For each source, fetch the original and check SHA-256(original bytes) = sha256; every offset refers to the normalised text whose SHA-256 is textSha256.',
  'For each captureProof, re-hash the leaf (SHA-256 of 0x00 || canonical JSON of leaf) and fold audit_path up to root_hash as RFC 6962 describes (docs/CUSTODY.md).',
  'Check the checkpoint signature (Ed25519, base64) over checkpoint.text with the published public key.',
  'Every review cites the custody seq that recorded it; `corroborate proof` or the API gives its inclusion proof.',
];

function cite(entry: CustodyEntry): CustodyCitation {
  return { seq: entry.seq, at: entry.at, actor: entry.actor, action: entry.action, leafHash: entry.leafHash };
}

function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  return a.length === b.length && a.every((s, i) => s.start === b[i]?.start && s.end === b[i]?.end);
}

/**
 * Builds the dossier of a case bundle (loaded with proofs for full provenance), optionally restricted to a
 * selection of attributions. Pure: the same bundle gives the same dossier.
 */
export function buildDossier(bundle: CaseBundle, scope?: DossierScope): Dossier {
  const selected = scope === undefined ? null : new Set(scope.attributionIds);
  const attributions = bundle.attributions.filter((a) => selected === null || selected.has(a.id));
  const sourceIds = new Set(attributions.map((a) => a.sourceId));
  const sources = bundle.sources.filter((s) => selected === null || sourceIds.has(s.id));
  const byObject = new Map<string, CustodyEntry[]>();
  for (const entry of bundle.custody) {
    const list = byObject.get(entry.objectId) ?? [];
    list.push(entry);
    byObject.set(entry.objectId, list);
  }
  const actorName = new Map(bundle.actors.map((a) => [a.id, a.name]));
  const reviewsOf = new Map<string, typeof bundle.reviews>();
  for (const review of bundle.reviews)
    reviewsOf.set(review.attributionId, [...(reviewsOf.get(review.attributionId) ?? []), review]);
  const speakerIds = new Set(
    attributions.map((a) => a.caseActorId).filter((id): id is string => id !== null),
  );
  const checkpoint = bundle.checkpoint;
  const custodyIds = new Set<string>();

  const dossierSources: DossierSource[] = sources.map((s) => {
    const objectIds = [
      s.id,
      ...s.captures.map((c) => c.id),
      ...(s.extraction === null ? [] : [s.extraction.id]),
    ];
    const entries = objectIds.flatMap((id) => byObject.get(id) ?? []).sort((x, y) => x.seq - y.seq);
    for (const e of entries) custodyIds.add(String(e.seq));
    return {
      id: s.id,
      title: s.title,
      outlet: s.outlet,
      published: s.published,
      url: s.url,
      kind: s.kind,
      sha256: s.sha256,
      textSha256: s.textSha256,
      captures: s.captures.map((c) => ({
        capturedAt: c.capturedAt,
        actor: c.actor,
        origin: c.origin,
        method: c.method,
      })),
      extraction:
        s.extraction === null
          ? null
          : {
              runId: s.extraction.id,
              extractorVersion: s.extraction.extractorVersion,
              resultSha256: s.extraction.resultSha256,
            },
      custody: entries.map(cite),
      captureProof: s.captureProof ?? null,
    };
  });

  const dossierAttributions: DossierAttribution[] = attributions.map((a) => {
    const x = a.extracted;
    const changed =
      a.stance !== x.stance ||
      a.cue.start !== x.cue.start ||
      a.cue.end !== x.cue.end ||
      (a.source?.start ?? -1) !== (x.source?.start ?? -1) ||
      (a.source?.end ?? -1) !== (x.source?.end ?? -1) ||
      !sameSpans(a.content, x.content);
    return {
      id: a.id,
      sourceId: a.sourceId,
      speaker: a.source?.text ?? null,
      caseActorId: a.caseActorId,
      caseActor: a.caseActorId === null ? null : (actorName.get(a.caseActorId) ?? null),
      cue: a.cue,
      content: a.content,
      stance: a.stance,
      quote: a.quote,
      channel: a.channel,
      basis: a.basis,
      confidence: a.confidence,
      reviewStatus: a.reviewStatus,
      extracted: changed
        ? {
            source:
              x.source === null ? null : { start: x.source.start, end: x.source.end, text: x.source.text },
            cue: x.cue,
            content: x.content,
            stance: x.stance,
          }
        : null,
      reviews: (reviewsOf.get(a.id) ?? []).map((r) => ({
        action: r.action,
        rationale: r.rationale,
        actor: r.actor,
        at: r.createdAt,
        custodySeq: r.custodySeq,
      })),
    };
  });

  const figures = bundle.figures
    .filter((f) => selected === null || sourceIds.has(f.sourceId))
    .map((f) => ({
      sourceId: f.sourceId,
      text: f.text,
      min: f.min,
      max: f.max,
      approx: f.approx,
      counts: f.counts,
      place: f.place,
      start: f.start,
      end: f.end,
    }));
  const actors = bundle.actors
    .filter((a) => selected === null || speakerIds.has(a.id))
    .map((a) => ({
      id: a.id,
      name: a.name,
      type: a.type,
      role: a.role,
      affiliation: a.affiliation,
      aliases: a.aliases,
    }));
  const covered = checkpoint === null ? 0 : bundle.custody.filter((e) => e.seq < checkpoint.treeSize).length;
  return {
    format: 'corroborate-dossier/v1',
    generatedAt: bundle.generatedAt,
    case: {
      id: bundle.case.id,
      name: bundle.case.name,
      description: bundle.case.description,
      region: bundle.case.region,
    },
    scope:
      scope === undefined
        ? { kind: 'case' }
        : { kind: 'selection', label: scope.label, attributionIds: [...scope.attributionIds] },
    allegation: scope?.allegation ?? null,
    summary: {
      sources: dossierSources.length,
      attributions: dossierAttributions.length,
      actors: actors.length,
      figures: figures.length,
      reviews: dossierAttributions.reduce((n, a) => n + a.reviews.length, 0),
    },
    provenance: {
      checkpoint,
      custodyEntriesCovered: covered,
      custodyEntries: bundle.custody.length,
      howToVerify: HOW_TO_VERIFY,
    },
    sources: dossierSources,
    actors,
    attributions: dossierAttributions,
    figures,
  };
}

/** Escapes text from captured documents for Markdown: no HTML, no emphasis or links sneaking in. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]#])/g, '\\$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The dossier as Markdown for reading and printing; the JSON form is the one to verify from. */
export function renderDossierMarkdown(dossier: Dossier): string {
  const e = escapeMarkdown;
  const lines: string[] = [];
  lines.push(`# Dossier: ${e(dossier.case.name)}`, '');
  if (dossier.scope.kind === 'selection') lines.push(`Scope: ${e(dossier.scope.label)}`, '');
  lines.push(
    `Generated ${dossier.generatedAt}. ${dossier.summary.sources} sources, ${dossier.summary.attributions} attributions, ` +
      `${dossier.summary.actors} actors, ${dossier.summary.figures} figures, ${dossier.summary.reviews} review decisions.`,
    '',
  );
  const al = dossier.allegation;
  if (al !== null) {
    lines.push('## Allegation', '', `> ${e(al.statement)}`, '');
    lines.push(
      `Status: **${e(al.status.label)}**${al.status.disputed ? ' (disputed)' : ''}${al.status.notConfirmed ? ' (not confirmed by some who looked)' : ''}. ${e(al.summary)}`,
      '',
    );
    for (const reason of al.status.reasons) lines.push(`- ${e(reason.text)}`);
    if (al.groups.length > 0) {
      lines.push('', 'Origin groups:');
      for (const g of al.groups)
        lines.push(
          `- ${e(g.label)}${g.investigative ? ' (independent investigation)' : ''}: ${g.members.length} attribution(s)${g.evidence.length > 0 ? `; evidence: ${g.evidence.join(', ')}` : ''}`,
        );
    }
    if (al.decisions.length > 0) {
      lines.push('', 'Analyst decisions:');
      for (const d of al.decisions)
        lines.push(
          `- ${e(d.decision)} by ${e(d.actor)} at ${d.createdAt} (custody #${d.custodySeq}): ${e(d.rationale)}`,
        );
    }
    lines.push('');
  }
  lines.push('## Provenance', '');
  const cp = dossier.provenance.checkpoint;
  if (cp === null) lines.push('No signed checkpoint exists yet: the custody log is not yet anchored.', '');
  else {
    lines.push(
      `Latest checkpoint \`${cp.id}\`: tree size ${cp.treeSize}, root \`${cp.rootHash}\`, signed ${cp.at} with key \`${cp.keyId}\`.`,
      `It covers ${dossier.provenance.custodyEntriesCovered} of this case's ${dossier.provenance.custodyEntries} custody entries.`,
      '',
    );
  }
  for (const step of dossier.provenance.howToVerify) lines.push(`- ${step}`);
  lines.push('', '## Sources', '');
  const sourceNo = new Map<string, number>();
  dossier.sources.forEach((s, i) => {
    sourceNo.set(s.id, i + 1);
    lines.push(`### S${i + 1}. ${e(s.title ?? s.id)}`, '');
    lines.push(
      `- Outlet: ${e(s.outlet ?? 'unknown')}; published ${e(s.published ?? 'unknown')}; kind ${e(s.kind)}`,
    );
    if (s.url !== null) lines.push(`- URL: ${e(s.url)}`);
    lines.push(`- Source id \`${s.id}\`; original SHA-256 \`${s.sha256}\`; text SHA-256 \`${s.textSha256}\``);
    for (const c of s.captures)
      lines.push(`- Captured ${c.capturedAt} by ${e(c.actor)} (${e(c.method)}) from ${e(c.origin)}`);
    if (s.extraction !== null) {
      lines.push(
        `- Extraction run \`${s.extraction.runId}\` (extractor ${e(s.extraction.extractorVersion)}), result SHA-256 \`${s.extraction.resultSha256}\``,
      );
    }
    lines.push(`- Custody entries: ${s.custody.map((c) => `#${c.seq} ${e(c.action)}`).join(', ') || 'none'}`);
    lines.push(
      `- Capture inclusion proof: ${s.captureProof === null ? 'not yet covered by a checkpoint' : `leaf ${s.captureProof.leaf_index} of ${s.captureProof.tree_size} (in the JSON dossier)`}`,
    );
    lines.push('');
  });
  lines.push('## Attributions', '');
  for (const a of dossier.attributions) {
    const who = a.caseActor ?? a.speaker ?? 'unattributed';
    lines.push(
      `- **${e(who)}** — ${e(a.cue.text)} (${a.stance}${a.basis.length > 0 ? `; basis: ${a.basis.join(', ')}` : ''}${a.channel === null ? '' : `; via ${e(a.channel)}`}) — S${sourceNo.get(a.sourceId) ?? '?'} @${a.cue.start}, review: ${a.reviewStatus}`,
    );
    for (const span of a.content) lines.push(`  > ${e(span.text)}`);
    if (a.extracted !== null)
      lines.push(
        `  - As extracted: ${e(a.extracted.content.map((s) => s.text).join(' … '))} (${a.extracted.stance})`,
      );
    for (const r of a.reviews) {
      lines.push(
        `  - ${e(r.action)} by ${e(r.actor)} at ${r.at}${r.custodySeq === null ? '' : ` (custody #${r.custodySeq})`}${r.rationale === null ? '' : `: ${e(r.rationale)}`}`,
      );
    }
  }
  if (dossier.figures.length > 0) {
    lines.push('', '## Figures', '');
    for (const f of dossier.figures) {
      const range =
        f.max === null ? `≥ ${f.min ?? '?'}` : f.min === f.max ? `${f.min}` : `${f.min ?? '?'}–${f.max}`;
      lines.push(
        `- ${e(f.text)}: ${range}${f.approx ? ' (approximate)' : ''}${f.counts === null ? '' : `, ${e(f.counts)}`}${f.place === null ? '' : `, ${e(f.place)}`} — S${sourceNo.get(f.sourceId) ?? '?'}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
