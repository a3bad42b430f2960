import { CorroborateError } from '../../errors.ts';
import {
  editCanonicalStatement,
  getAllegation,
  recordDecision,
  type AllegationDetail,
} from '../../store/allegations.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate allegation ID [--decide D --rationale TEXT] [--statement TEXT] [--db PATH] [--json]

Shows one allegation: its canonical statement, status with the reasons behind it (each with the
source spans it rests on), origin groups, members by role, and figures compared across sources.

Options:
  --decide D        record an analyst decision: verified, refuted or needs_more_evidence
                    (needs --rationale; kept apart from the computed status, logged in custody)
  --rationale TEXT  the written rationale for --decide
  --statement TEXT  replace the canonical statement with an analyst's wording (logged in custody)
  --db PATH         database file or postgres:// URL
  --json            print one JSON object
`;

function ref(s: { sourceId: string; start: number; end: number }): string {
  return `${s.sourceId}:${s.start}-${s.end}`;
}

function render(a: AllegationDetail): string {
  const lines: string[] = [];
  const flags = [
    a.status.label,
    a.status.disputed ? 'disputed' : null,
    a.status.notConfirmed ? 'not confirmed' : null,
  ].filter((x) => x !== null);
  lines.push(`${a.id}  ${a.eventType ?? 'unclassified'}  [${flags.join(', ')}]`);
  lines.push(`Statement${a.statementEdited ? ' (edited by an analyst)' : ''}: ${a.statement}`);
  lines.push(
    `Places: ${a.places.join(', ') || '—'}   When: ${a.window.start ?? '?'} – ${a.window.end ?? '?'}   ${a.summary}`,
  );
  lines.push('', 'Why:');
  for (const r of a.status.reasons)
    lines.push(`  - ${r.text}${r.spans.length === 0 ? '' : `  [${r.spans.map(ref).join(', ')}]`}`);
  lines.push('', 'Origin groups:');
  for (const g of a.groups) {
    const extra = [
      g.investigative ? 'independent body' : null,
      g.evidence.length > 0 ? `evidence: ${g.evidence.join(', ')}` : null,
    ].filter((x) => x !== null);
    lines.push(
      `  ${g.id}  ${g.label}  (${g.sources.length} source${g.sources.length === 1 ? '' : 's'}, ${g.echoes} echo${g.echoes === 1 ? '' : 'es'}${extra.length > 0 ? `; ${extra.join('; ')}` : ''})`,
    );
  }
  lines.push('', 'Attributions:');
  for (const m of a.members) {
    const text = m.text.replace(/\s+/gu, ' ');
    lines.push(
      `  ${m.role.padEnd(13)} ${m.originGroup ?? '  '}  ${m.speaker ?? '(unattributed)'}${m.copy ? ' (copy)' : ''}${m.general ? ' (general)' : ''}: ${text.length > 120 ? `${text.slice(0, 119)}…` : text}  [${ref(m.span)}]`,
    );
  }
  if (a.figures.length > 0) {
    lines.push('', 'Figures:');
    for (const f of a.figures) {
      const range = `${f.range.min ?? '?'}–${f.range.max ?? 'open'}`;
      lines.push(
        `  ${f.counts}${f.place === null ? '' : ` in ${f.place}`}${f.period === null ? '' : ` (${f.period})`}: range ${range}`,
      );
      f.figures.forEach((x, i) => {
        const conflict = f.contradictions.some(([p, q]) => p === i || q === i);
        lines.push(
          `    ${i === f.latest ? '*' : ' '} ${x.text} — ${x.speaker ?? 'unattributed'}, ${x.date ?? 'undated'}${x.qualifier === null ? '' : `, ${x.qualifier}`}${x.copy ? ' (copy)' : ''}${conflict ? '  ⚠ conflicts' : ''}`,
        );
      });
    }
  }
  if (a.decisions.length > 0) {
    lines.push('', 'Analyst decisions:');
    for (const d of a.decisions) lines.push(`  ${d.createdAt}  ${d.decision}  by ${d.actor}: ${d.rationale}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `corroborate allegation ID`: one allegation with its groups, reasons and figures. */
export const allegationCommand: Command = {
  name: 'allegation',
  describe: 'show one allegation with its origin groups, reasons and figures',
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const parsed = parseCommandArgs(
      args,
      USAGE,
      {
        decide: { type: 'string' },
        rationale: { type: 'string' },
        statement: { type: 'string' },
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      true,
    );
    const { values, positionals } = parsed;
    const id = positionals[0];
    if (id === undefined || positionals.length > 1)
      throw new CorroborateError('bad_request', `allegation: give exactly one allegation id\n${USAGE}`);
    if (values.decide !== undefined && (values.rationale === undefined || values.rationale.trim() === '')) {
      throw new CorroborateError(
        'bad_request',
        `--decide ${values.decide}: a written --rationale is required`,
      );
    }
    return withStore(deps, values.db, async (store) => {
      if (values.statement !== undefined) {
        await editCanonicalStatement(store, {
          allegationId: id,
          statement: values.statement,
          actor: deps.config.actor,
        });
      }
      if (values.decide !== undefined) {
        await recordDecision(store, {
          allegationId: id,
          decision: values.decide,
          rationale: values.rationale ?? '',
          actor: deps.config.actor,
        });
      }
      const a = await getAllegation(store.db, id);
      if (a === null) throw new CorroborateError('not_found', `allegation ${id}: no such allegation`);
      deps.stdout.write(values.json ? `${JSON.stringify(a, null, 2)}\n` : render(a));
      return 0;
    });
  },
};
