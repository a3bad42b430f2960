import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CorroborateError, errorMessage } from '../../errors.ts';
import { EXPORT_FORMATS, exportCase, isExportFormat } from '../../export/index.ts';
import { DEFAULT_CASE } from '../../store/cases.ts';
import { parseCommandArgs, withStore } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate export [--case NAME] --format FORMAT [--allegation ID] [--out FILE] [--include-text] [--db PATH]

Exports a case. Formats:
  json         the whole case as one JSON bundle: sources (hashes, captures, extraction runs), attributions
               (reviewed values and originals), actors, figures, places, reviews, custody entries, checkpoint
  csv          one row per attribution (spreadsheet-safe: formula-like cells are neutralised)
  geojson      the case's geocoded places as a GeoJSON FeatureCollection
  dossier      a self-contained JSON dossier with provenance: source hashes, capture records, custody seqs,
               the latest signed checkpoint and an inclusion proof for each source's capture
  dossier-md   the dossier as Markdown, for reading and printing

Options:
  --case NAME       the case (default '${DEFAULT_CASE}')
  --format FORMAT   one of ${EXPORT_FORMATS.join(', ')}
  --out FILE        write to FILE instead of standard output
  --allegation ID   dossier formats only: the dossier of one allegation (its attributions and sources)
  --include-text    json only: include each source's normalised text
  --db PATH         database file or postgres:// URL
`;

/** `corroborate export`: JSON, CSV, GeoJSON or a dossier of a case. */
export const exportCommand: Command = {
  name: 'export',
  describe: 'export a case as JSON, CSV, GeoJSON or a provenance dossier',
  usage: USAGE,
  async run(args: readonly string[], deps: CliDeps): Promise<number> {
    const { values } = parseCommandArgs(args, USAGE, {
      case: { type: 'string', default: DEFAULT_CASE },
      format: { type: 'string' },
      out: { type: 'string' },
      'include-text': { type: 'boolean', default: false },
      allegation: { type: 'string' },
      db: { type: 'string' },
    });
    const format = values.format;
    if (format === undefined || !isExportFormat(format)) {
      throw new CorroborateError(
        'bad_request',
        `--format ${format ?? '(missing)'}: use one of ${EXPORT_FORMATS.join(', ')}`,
      );
    }
    return withStore(deps, values.db, async (store) => {
      const result = await exportCase(store, {
        caseRef: values.case,
        format,
        keyDir: deps.config.home,
        includeText: values['include-text'],
        ...(values.allegation === undefined ? {} : { allegationId: values.allegation }),
      });
      if (values.out === undefined) {
        deps.stdout.write(result.body);
      } else {
        const path = resolve(deps.cwd, values.out);
        try {
          writeFileSync(path, result.body, 'utf8');
        } catch (error) {
          throw new CorroborateError(
            'invalid_input',
            `--out ${values.out}: cannot write: ${errorMessage(error)}`,
          );
        }
        deps.stderr.write(
          `wrote ${values.format} export of case '${values.case}' to ${path} (${Buffer.byteLength(result.body)} bytes)\n`,
        );
      }
      return 0;
    });
  },
};
