// The route × role matrix on SQLite (see route-matrix.ts).
import { routeMatrix } from './route-matrix.ts';

routeMatrix('sqlite');
