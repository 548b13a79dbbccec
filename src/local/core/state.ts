/**
 * Save/load of the whole runtime: each service contributes one named part. Values must survive
 * JSON: Dates are written as {"$date": ms} by `encodeValue` and restored in the script's realm.
 */
export interface StatePart {
  readonly name: string;
  serialize(): unknown;
  restore(data: unknown): void;
}

export type EncodedDate = { $date: number };

export function encodeValue(value: unknown): unknown {
  if (Object.prototype.toString.call(value) === '[object Date]') return { $date: (value as Date).getTime() };
  return value;
}

export function isEncodedDate(value: unknown): value is EncodedDate {
  return typeof value === 'object' && value !== null && typeof (value as EncodedDate).$date === 'number';
}
