// Three `corroborate worker` processes share 200 queued fictional reports on PostgreSQL (see
// multi-worker.ts). Slow (about a minute on two CPUs): run with `npm run test:workers`.
import { multiWorkerSuite } from './multi-worker.ts';

multiWorkerSuite(200);
