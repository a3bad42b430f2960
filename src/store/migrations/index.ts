import type { Migration } from 'kysely';
import type { DialectName } from '../database.ts';
import { foundation } from './0001-foundation.ts';
import { extractions } from './0002-extractions.ts';
import { allegations } from './0003-allegations.ts';
import { accounts } from './0004-accounts.ts';
import { jobs } from './0006-jobs.ts';
import { apiIndexes } from './0007-api-indexes.ts';
import { apiSourceAttributions } from './0008-api-source-attributions.ts';
import { allegationCompactTables } from './0009-allegation-compact-tables.ts';
import { allegationSummaries } from './0010-allegation-summaries.ts';
import { allegationAliasIndex } from './0011-allegation-alias-index.ts';
import { allegationBandsNoSourceIndex } from './0012-allegation-bands-no-source-index.ts';

/**
 * Every migration, keyed by a name that sorts in the order they run. A migration is a function of the
 * dialect so that the few DDL differences (binary type, auto-increment) stay here.
 * Add new files as `NNNN-topic.ts` and register them below; never edit one that has shipped.
 */
export function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-foundation': foundation(dialect),
    '0002-extractions': extractions(dialect),
    '0003-allegations': allegations(dialect),
    '0004-accounts': accounts(dialect),
    '0006-jobs': jobs(dialect),
    '0007-api-indexes': apiIndexes(dialect),
    '0008-api-source-attributions': apiSourceAttributions(dialect),
    '0009-allegation-compact-tables': allegationCompactTables(dialect),
    '0010-allegation-summaries': allegationSummaries(dialect),
    '0011-allegation-alias-index': allegationAliasIndex(dialect),
    '0012-allegation-bands-no-source-index': allegationBandsNoSourceIndex(dialect),
  };
}
