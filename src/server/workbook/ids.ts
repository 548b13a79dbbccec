import { formatSequence, nextIds, parseSequence } from '../../shared/rules/ids';
import { localDayKey } from '../../shared/time/local';
import type { Zone } from '../../shared/time/zone';
import { ID_SEQUENCE_PROPERTY_PREFIX } from './keys';
import type { DocumentPropertiesSnapshot } from './layout';

/**
 * Hands out record ids (C/G/F/S/T + yyyyMMdd in the spreadsheet's zone + serial). The last serial per prefix
 * lives in document properties, so ids of deleted rows are never reused; ids still in the table are
 * checked too. Call under the document lock.
 */
export function allocateIds(
  prefix: string,
  count: number,
  properties: DocumentPropertiesSnapshot,
  zone: Zone,
  nowMs: number,
  existingIds: Iterable<string>,
): string[] {
  const key = ID_SEQUENCE_PROPERTY_PREFIX + prefix;
  const day = localDayKey(nowMs, zone);
  const { ids, sequence } = nextIds(prefix, day, count, parseSequence(properties.values[key]), existingIds);
  properties.set(key, formatSequence(sequence));
  return ids;
}
