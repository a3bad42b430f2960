import { analysisRoutes } from './analysis.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { caseRoutes } from './cases.routes.ts';
import { ingestRoutes } from './ingest.routes.ts';
import { reviewRoutes } from './review.routes.ts';
import { sourceRoutes } from './sources.routes.ts';
import type { ApiDeps } from './deps.ts';
import { memberRoutes } from './members.routes.ts';
import { pipelineRoutes } from './pipeline.routes.ts';
import { protectionRoutes } from './protections.routes.ts';
import type { ApiRoute } from './route.ts';
import { tokenRoutes } from './tokens.routes.ts';
import { userRoutes } from './users.routes.ts';

/**
 * The route table: every API route with its access rule. `app.ts` registers exactly these (each behind the
 * one access guard) and the route × role matrix test is generated from this list, so a route added here
 * is tested and a route not added here does not exist.
 */
export function apiRoutes(deps: ApiDeps): readonly ApiRoute[] {
  return [
    ...authRoutes(deps),
    ...userRoutes(deps),
    ...tokenRoutes(deps),
    ...memberRoutes(deps),
    ...protectionRoutes(deps),
    ...caseRoutes(deps),
    ...sourceRoutes(deps),
    ...ingestRoutes(deps),
    ...reviewRoutes(deps),
    ...analysisRoutes(deps),
    ...pipelineRoutes(deps),
  ];
}
