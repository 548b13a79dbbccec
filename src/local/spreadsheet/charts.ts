import { defineGasClass, GasObject } from '../core/gas-object';
import { ChartType } from './enums';

/**
 * The `Charts` global: only the ChartType enum (filter-views-and-charts.md §5). Building charts
 * (newDataTable, Sheet.newChart…) is not modelled yet, so those calls throw "not supported".
 */
export class ChartsService extends GasObject {
  readonly ChartType = ChartType;
}
defineGasClass(ChartsService, 'Charts', 'Charts');
