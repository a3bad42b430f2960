/**
 * `corroborate extract FILE... [--published DATE] [--json | --jsonl]`: prints the extraction
 * contract for files without touching any database. Files are read through capture (text,
 * Markdown, HTML, PDF; sidecar .json metadata such as `published`), so offsets point into the same
 * normalised text that ingestion stores.
 */
import { parseArgs } from 'node:util';
import type { Command } from '../command.ts';
import { CorroborateError } from '../../errors.ts';
import { captureTarget, normalisePublished, planTargets } from '../../capture/index.ts';
import { extract } from '../../extract/index.ts';
import type { Extraction } from '../../extract/index.ts';

function summary(file: string, x: Extraction): string {
  const lines = [
    `${file}: ${x.attributions.length} attributions, ${x.actors.length} actors, ${x.figures.length} figures`,
  ];
  for (const a of x.attributions) {
    const who = a.source?.text ?? '(no source)';
    const what = a.content.map((c) => c.text).join(' … ');
    lines.push(
      `  ${a.id} [${a.stance}${a.basis.length > 0 ? `; ${a.basis.join(',')}` : ''}] ${who} — ${a.cue.text} — ${what.length > 100 ? `${what.slice(0, 97)}...` : what}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The extract command. */
export const extractCommand: Command = {
  name: 'extract',
  describe: 'print attributions, actors, places, dates, figures and events of files (no database)',
  usage: `Usage: corroborate extract FILE... [--published YYYY-MM-DD] [--json | --jsonl]

Extracts the contract of ../shared/DESIGN.md ("Extraction output contract") from each file (.txt,
.md, .html, .pdf; a sidecar NAME.json may give "published"). Nothing is stored.
  --published DATE  publication date relative dates are anchored on (overrides the sidecar)
  --json            one JSON object (exactly one FILE)
  --jsonl           one JSON object per line, each with a "file" field
Without --json/--jsonl a short human-readable summary is printed.`,
  async run(args, deps) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        published: { type: 'string' },
        json: { type: 'boolean', default: false },
        jsonl: { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length === 0)
      throw new CorroborateError('bad_request', 'extract: give at least one FILE');
    if (values.json && values.jsonl)
      throw new CorroborateError('bad_request', 'extract: --json and --jsonl exclude each other');
    if (values.json && positionals.length > 1) {
      throw new CorroborateError(
        'bad_request',
        'extract: --json takes exactly one FILE (use --jsonl for several)',
      );
    }
    let published: string | undefined;
    if (values.published !== undefined) {
      const normal = normalisePublished(values.published);
      if (normal === null)
        throw new CorroborateError(
          'invalid_input',
          `extract: --published '${values.published}' is not a date (YYYY-MM-DD)`,
        );
      published = normal;
    }
    const targets = await planTargets(positionals, deps.cwd);
    let failures = 0;
    for (const target of targets) {
      const outcomes = await captureTarget(target, {
        maxBytes: deps.config.maxBytes,
        overrides: published === undefined ? undefined : { published },
      });
      for (const outcome of outcomes) {
        if (outcome.kind !== 'captured') {
          failures++;
          deps.stderr.write(
            `extract: ${outcome.kind === 'failed' ? outcome.error : `${outcome.id}: skipped (${outcome.reason})`}\n`,
          );
          continue;
        }
        const item = outcome.item;
        const x = extract(item.text, {
          published: item.published,
          sha256: item.sha256,
          language: item.language,
        });
        if (values.json) deps.stdout.write(`${JSON.stringify(x, null, 2)}\n`);
        else if (values.jsonl) deps.stdout.write(`${JSON.stringify({ file: item.origin, ...x })}\n`);
        else deps.stdout.write(summary(item.origin, x));
      }
    }
    return failures > 0 ? 1 : 0;
  },
};
