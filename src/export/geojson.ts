import type { CaseBundle } from './bundle.ts';

/** A GeoJSON Point feature for one place of a case (RFC 7946: coordinates are [longitude, latitude]). */
export interface PlaceFeature {
  readonly type: 'Feature';
  readonly geometry: { readonly type: 'Point'; readonly coordinates: readonly [number, number] };
  readonly properties: {
    readonly name: string;
    readonly country: string | null;
    readonly admin1: string | null;
    readonly granularity: string | null;
    readonly geonameId: number | null;
    /** Sources mentioning the place, sorted. */
    readonly sourceIds: readonly string[];
    /** Mentions across those sources. */
    readonly mentions: number;
  };
}

/** A FeatureCollection of the case's places. */
export interface PlacesGeoJson {
  readonly type: 'FeatureCollection';
  readonly features: readonly PlaceFeature[];
}

/**
 * The case's geocoded places as a GeoJSON FeatureCollection: one feature per distinct (name, coordinates),
 * aggregating the sources and mentions; places without coordinates are left out.
 */
export function buildPlacesGeoJson(bundle: CaseBundle): PlacesGeoJson {
  const byKey = new Map<string, { feature: PlaceFeature; sources: Set<string>; mentions: number }>();
  for (const place of bundle.places) {
    if (place.lat === null || place.lon === null) continue;
    const key = `${place.name}|${place.lat}|${place.lon}`;
    let entry = byKey.get(key);
    if (entry === undefined) {
      entry = {
        feature: {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
          properties: {
            name: place.name,
            country: place.country,
            admin1: place.admin1 ?? null,
            granularity: place.granularity ?? null,
            geonameId: place.geonameId ?? null,
            sourceIds: [],
            mentions: 0,
          },
        },
        sources: new Set(),
        mentions: 0,
      };
      byKey.set(key, entry);
    }
    entry.sources.add(place.sourceId);
    entry.mentions += place.mentions.length;
  }
  const features = [...byKey.values()]
    .map(({ feature, sources, mentions }) => ({
      ...feature,
      properties: { ...feature.properties, sourceIds: [...sources].sort(), mentions },
    }))
    .sort((a, b) => a.properties.name.localeCompare(b.properties.name));
  return { type: 'FeatureCollection', features };
}

/** {@link buildPlacesGeoJson} as pretty-printed JSON. */
export function renderGeoJson(bundle: CaseBundle): string {
  return `${JSON.stringify(buildPlacesGeoJson(bundle), null, 2)}\n`;
}
