import { ok, type ActionResult } from '../../shared/rpc/result';
import { refreshDashboardSheet, type DashboardReport } from '../jobs/dashboard';
import { actionContext, asActionFailure, ensureInstalled, underLock } from './context';

/** Refreshing reads every table; it may wait a little longer than a sidebar save for the lock. */
const DASHBOARD_LOCK_WAIT_MS = 30000;

/**
 * Menu: Refresh dashboard. Rewrites the Dashboard sheet and its charts (jobs/dashboard.ts) under the
 * document lock and says so in a toast; expected failures (busy, not installed, a missing column) are
 * toasted in the workbook's language and returned as values; bugs throw, for the executions log.
 */
export function refreshDashboard(): ActionResult<DashboardReport> {
  const context = actionContext();
  const { spreadsheet } = context;
  let result: ActionResult<DashboardReport>;
  try {
    result = ok(
      underLock(
        context,
        () => {
          ensureInstalled(context);
          return refreshDashboardSheet(context);
        },
        DASHBOARD_LOCK_WAIT_MS,
      ),
    );
  } catch (error) {
    result = asActionFailure(error, context.t);
  }
  // context.t: installing on the way may have set the workbook's language.
  const { t } = context;
  spreadsheet.toast(result.ok ? t('dashboard.refreshed') : result.error.message, t('menu.refreshDashboard'));
  return result;
}
