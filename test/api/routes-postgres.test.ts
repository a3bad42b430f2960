// The route × role matrix on PostgreSQL (see route-matrix.ts).
import { routeMatrix } from './route-matrix.ts';

routeMatrix('postgres');
