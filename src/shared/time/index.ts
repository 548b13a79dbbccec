/** Dates and times in the spreadsheet's time zone, and working days (docs/product-rules.md §2). Pure: no Apps Script. */
export * from './calendar';
export * from './zone';
export * from './local';
export * from './working-days';
