export {
  type ApplyResult,
  NB_DB,
  OvnDriver,
  type OvnDriverOptions,
  OWNED_TABLES,
  type PlannedApply,
} from './driver.ts';
export { OvnError, type OvnErrorCode } from './errors.ts';
export { appKey, EXT, OvnNames } from './names.ts';
export { type ActualRow, type NbPlan, type RowChange, reconcile } from './reconcile.ts';
export { renderApplication } from './render/render.ts';
export type { ColumnValue, DesiredRow, NbTable } from './render/rows.ts';
