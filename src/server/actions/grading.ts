import { appendLog } from '../workbook/log';
import { BusyError } from '../workbook/lock';
import { gradeAll } from '../jobs/grade-all';
import { dropMyDayIndex } from '../workbook/my-day-index';
import { actionContext, asActionFailure, ensureInstalled, underLock } from './context';

/** Grading a large workbook may wait a little longer for a sidebar's save to finish. */
const GRADE_LOCK_WAIT_MS = 30000;

/**
 * Menu: Grade all customers. Recomputes every customer's graded columns (jobs/grade-all.ts), writes one
 * Log row (action 'gradeAll': customers examined and changed, duration, result) and says what it did in a
 * toast (unreadable Settings industry averages are named there and in the row). A failure is logged as a
 * 'failed' row and shown; a bug is also rethrown, for the executions log.
 */
export function gradeAllCustomers(): void {
  const context = actionContext();
  const { t, spreadsheet, properties } = context;
  const startedMs = Date.now();
  const log = (entry: {
    rowsExamined: number;
    rowsChanged: number;
    result: 'ok' | 'partial' | 'failed';
    details: string;
  }) =>
    appendLog(
      { startedMs, action: 'gradeAll', user: context.userEmail, durationMs: Date.now() - startedMs, ...entry },
      properties,
      spreadsheet,
      context.language,
    );
  try {
    const message = underLock(
      context,
      () => {
        ensureInstalled(context);
        const report = gradeAll(context);
        // Grades move next follow-up dates on many rows: My day builds its index again.
        dropMyDayIndex(context.properties);
        const lines = [t('grading.done', { examined: report.examined, changed: report.changed })];
        if (report.badIndustryAverages.length > 0) {
          lines.push(t('grading.badIndustryAverages', { entries: report.badIndustryAverages.join('; ') }));
        }
        log({
          rowsExamined: report.examined,
          rowsChanged: report.changed,
          result: 'ok',
          details: lines.join(' '),
        });
        return lines.join(' ');
      },
      GRADE_LOCK_WAIT_MS,
    );
    spreadsheet.toast(message, t('menu.gradeAll'));
  } catch (error) {
    if (error instanceof BusyError) {
      spreadsheet.toast(t('error.busy'), t('menu.gradeAll'));
      return;
    }
    // Expected failures (a table or column missing) come back localized; anything else is a bug.
    let text: string;
    let bug = false;
    try {
      const failure = asActionFailure(error, t);
      text = failure.ok ? '' : failure.error.message;
    } catch {
      bug = true;
      text = error instanceof Error ? error.message : String(error);
    }
    try {
      underLock(context, () =>
        log({ rowsExamined: 0, rowsChanged: 0, result: 'failed', details: t('grading.failed', { message: text }) }),
      );
    } catch {
      // The Log sheet itself may be what failed; the toast and the executions log still say so.
    }
    spreadsheet.toast(t('grading.failed', { message: text }), t('menu.gradeAll'));
    if (bug) throw error;
  }
}
