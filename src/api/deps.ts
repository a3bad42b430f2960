import type { Logger } from 'pino';
import type { Store } from '../store/index.ts';
import type { ApiConfig } from './config.ts';

/** One entry for the custody log, as the API writes it (reads of protected material, access changes). */
export interface CustodyRecord {
  readonly actor: string;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly caseId: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Everything the API app needs, wired by the composition root (`src/server.ts`) or a test. */
export interface ApiDeps {
  readonly store: Store;
  readonly config: ApiConfig;
  readonly logger: Logger;
  /** Appends to the tamper-evident custody log. */
  readonly custody: (record: CustodyRecord) => Promise<void>;
  /** Folder of the custody signing key (checkpoints, verification, proofs). */
  readonly keyDir: string;
  /** Checks every JSON response against its route's schema (on in tests; a mismatch is a 500). */
  readonly validateResponses?: boolean;
  /** The clock (tests of expiry). */
  readonly now?: () => Date;
}
