import { geoEqualEarth, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { useMemo, useState } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json';
import type { PlacePoint } from '../api/types.ts';
import { LoadState } from '../components.tsx';
import { useApp, useLoad } from '../context.tsx';
import { href, withQuery } from '../lib/router.ts';

const WIDTH = 960;
const HEIGHT = 500;

/** Radius of a place's point: area grows with the number of allegations. */
export function radius(count: number, max: number): number {
  if (max <= 0) return 4;
  return 4 + 18 * Math.sqrt(count / max);
}

/**
 * Places of a case on offline country outlines (Natural Earth 1:110m from world-atlas), points sized by
 * allegations. Activating a point opens the board filtered to that place.
 */
export function MapView(props: { readonly caseId: string }) {
  const { api, navigate } = useApp();
  const loaded = useLoad(() => api.places(props.caseId), `places:${props.caseId}`);
  const [hover, setHover] = useState<PlacePoint | null>(null);

  const points = loaded.data ?? [];
  const [world, setWorld] = useState(false);
  const { outlines, project } = useMemo(() => {
    const topo = countries110m as unknown as Topology<{ countries: GeometryCollection }>;
    const land = feature(topo, topo.objects.countries);
    // Fit the places (with a margin of at least ~12° around them) unless the whole world is asked for.
    const west = Math.max(-180, Math.min(...points.map((p) => p.lon)) - 12);
    const east = Math.min(180, Math.max(...points.map((p) => p.lon)) + 12);
    const south = Math.max(-85, Math.min(...points.map((p) => p.lat)) - 8);
    const north = Math.min(85, Math.max(...points.map((p) => p.lat)) + 8);
    const extent: GeoPermissibleObjects =
      world || points.length === 0
        ? land
        : {
            type: 'MultiPoint',
            coordinates: [
              [west, south],
              [west, north],
              [east, south],
              [east, north],
              [(west + east) / 2, north],
              [(west + east) / 2, south],
            ],
          };
    const projection = geoEqualEarth().fitExtent(
      [
        [10, 10],
        [WIDTH - 10, HEIGHT - 10],
      ],
      extent,
    );
    const path = geoPath(projection);
    return {
      outlines: land.features.map((f, i) => ({
        key: String(f.id ?? i),
        d: path(f as GeoPermissibleObjects) ?? '',
      })),
      project: (lon: number, lat: number) => projection([lon, lat]),
    };
  }, [world, points]);

  const max = Math.max(0, ...points.map((p) => p.allegations));
  const open = (p: PlacePoint) =>
    navigate(withQuery(href({ kind: 'board', caseId: props.caseId }), { place: p.name }));

  return (
    <section className="map-view">
      <h1>Map</h1>
      <p className="meta">
        Points are sized by the number of allegations at each place. Select one to filter the board.
      </p>
      {points.length > 0 && (
        <button type="button" className="secondary" aria-pressed={world} onClick={() => setWorld((w) => !w)}>
          {world ? 'Zoom to places' : 'Show the whole world'}
        </button>
      )}
      <LoadState
        loading={loaded.loading}
        error={loaded.error}
        empty={points.length === 0}
        emptyText="No geocoded places in this case yet."
      />
      <figure className="map">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label="Map of places" data-testid="map">
          <g className="countries" aria-hidden="true">
            {outlines.map((o) => (
              <path key={o.key} d={o.d} />
            ))}
          </g>
          <g className="points">
            {[...points]
              .sort((a, b) => b.allegations - a.allegations)
              .map((p) => {
                const xy = project(p.lon, p.lat);
                if (xy !== null && (xy[0] < 0 || xy[0] > WIDTH || xy[1] < 0 || xy[1] > HEIGHT)) return null;
                if (xy === null) return null;
                const label = `${p.name}: ${p.allegations} ${p.allegations === 1 ? 'allegation' : 'allegations'}`;
                return (
                  <a
                    key={`${p.name}-${p.lat}-${p.lon}`}
                    href={withQuery(href({ kind: 'board', caseId: props.caseId }), { place: p.name })}
                    aria-label={label}
                    data-place={p.name}
                    onClick={(e) => {
                      e.preventDefault();
                      open(p);
                    }}
                    onMouseEnter={() => setHover(p)}
                    onMouseLeave={() => setHover(null)}
                    onFocus={() => setHover(p)}
                    onBlur={() => setHover(null)}
                  >
                    <circle cx={xy[0]} cy={xy[1]} r={radius(p.allegations, max)} className="point" />
                    <title>{label}</title>
                  </a>
                );
              })}
          </g>
        </svg>
        <figcaption className="meta" aria-live="polite">
          {hover !== null
            ? `${hover.name}${hover.country !== null ? ` (${hover.country})` : ''}: ${hover.allegations} allegations`
            : 'Country outlines: Natural Earth via world-atlas.'}
        </figcaption>
      </figure>
      {points.length > 0 && (
        <ul className="place-list" aria-label="Places">
          {[...points]
            .sort((a, b) => b.allegations - a.allegations)
            .map((p) => (
              <li key={`${p.name}-${p.lat}`}>
                <button type="button" className="link" onClick={() => open(p)}>
                  {p.name}
                </button>{' '}
                <span className="meta">{p.allegations}</span>
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
