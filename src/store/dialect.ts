/** Converts a `bigint` column value (number from SQLite, string from PostgreSQL) to a number. */
export function toNumber(value: number | string | bigint): number {
  return typeof value === 'number' ? value : Number(value);
}
