/**
 * Names the add-on stamps into the workbook. Developer metadata (PROJECT visibility) marks which sheet
 * holds which table and which column holds which field, so users may rename, move, hide or insert
 * columns and sheets freely (docs/product-rules.md §8).
 */
export const TABLE_METADATA_KEY = 'crm.table';
export const COLUMN_METADATA_KEY = 'crm.column';

/** Document properties. */
export const LAYOUT_PROPERTY_PREFIX = 'crm.layout.';
export const TEMPLATE_VERSION_PROPERTY_PREFIX = 'crm.templateVersion.';
export const ID_SEQUENCE_PROPERTY_PREFIX = 'crm.idSequence.';
export const TIME_ZONE_PROPERTY = 'crm.timeZone';
/** The time zone for which Intl's offsets were seen to agree with Utilities.formatDate (platform/zone.ts). */
export const ZONE_CHECKED_PROPERTY = 'crm.zoneChecked';
