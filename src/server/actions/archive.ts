import type { MessageKey } from '../../shared/i18n/translate';
import type { ArchiveFileInfo, ArchiveForm, ArchivePreview, ArchiveResult } from '../../shared/rpc/archive';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import { ARCHIVED_TABLES, defaultBeforeYear, parseBeforeYear, yearIn } from '../../shared/rules/archive';
import {
  ARCHIVE_TRIGGER_HANDLER,
  CONTINUE_AFTER_MS,
  archiveFiles,
  archiveUrl,
  newCursor,
  readCursor,
  runArchiveExecution,
  sourceModel,
  ARCHIVE_RUN_PROPERTY,
  type ArchiveCursor,
} from '../jobs/archive';
import { showSidebar } from '../ui/sidebar';
import { readSettings } from '../workbook/settings';
import { isActiveManager, readTeam } from '../workbook/team';
import type { DocumentPropertiesSnapshot } from '../workbook/layout';
import {
  actionContext,
  asActionFailure,
  ensureInstalled,
  ensureInstalledForReading,
  underLock,
  type ActionContext,
} from './context';
import { pageMessages, requestObject } from './submission';

/**
 * Archive old records (issue 20 item 1, managers): the sidebar proposes the cut-off from Settings and starts
 * the run (jobs/archive.ts); a run that reaches the time budget saves its position and a one-off trigger
 * (continueArchive) carries on a minute later; running it again also continues it.
 */
const FORM_MESSAGES: readonly MessageKey[] = [
  'archive.title',
  'archive.intro',
  'archive.before',
  'archive.beforeHelp',
  'archive.files',
  'archive.badYear',
  'archive.inProgress',
  'archive.submit',
  'archive.counting',
  'archive.saving',
  'common.loading',
  'error.validation',
];

/** Menu: Archive old records… */
export function showArchive(): void {
  showSidebar('archive', actionContext().t('archive.title'));
}

function filesOf(properties: DocumentPropertiesSnapshot): ArchiveFileInfo[] {
  return Object.entries(archiveFiles(properties))
    .map(([year, file]) => ({
      year: Number(year),
      id: file.id,
      name: file.name ?? year,
      url: archiveUrl(file.id),
    }))
    .sort((a, b) => a.year - b.year);
}

const movedTotal = (cursor: ArchiveCursor): number =>
  cursor.moved.followUps + cursor.moved.tickets + cursor.moved.satisfaction;

function refusedUnlessManager(context: ActionContext): ActionResult<never> | null {
  const team = readTeam(context.properties, context.spreadsheet);
  return isActiveManager(team, context.userEmail) ? null : fail('forbidden', context.t('archive.managersOnly'));
}

/** google.script.run: the proposed cut-off, the archives made so far and a run in progress. */
export function getArchiveForm(): ActionResult<ArchiveForm> {
  const context = actionContext();
  try {
    ensureInstalledForReading(context);
    const refused = refusedUnlessManager(context);
    if (refused) return refused;
    const { properties, spreadsheet, zone, nowMs } = context;
    const currentYear = yearIn(zone, new Date(nowMs));
    const settings = readSettings(properties, spreadsheet, zone).values;
    const cursor = readCursor(properties);
    return ok({
      language: context.language,
      defaultBefore: defaultBeforeYear(currentYear, settings.archiveKeepYears),
      maxBefore: currentYear,
      files: filesOf(properties),
      inProgress: cursor ? { before: cursor.before, moved: movedTotal(cursor) } : null,
      messages: pageMessages(context.language, FORM_MESSAGES),
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

/**
 * google.script.run: how many records a run with this cut-off would move now, by table, and into which
 * years' archives. Reads the id, date and status columns of the three tables (one batch each); writes nothing.
 */
export function previewArchive(request: unknown): ActionResult<ArchivePreview> {
  const body = requestObject(request);
  const context = actionContext();
  try {
    const { t, zone, nowMs } = context;
    const parsed = parseBeforeYear(body.before, yearIn(zone, new Date(nowMs)));
    if ('error' in parsed) return fail('validation', t(parsed.error), { before: t(parsed.error) });
    ensureInstalledForReading(context);
    const refused = refusedUnlessManager(context);
    if (refused) return refused;
    const before = parsed.year;
    const counts = { followUps: 0, tickets: 0, satisfaction: 0 };
    const years = new Set<number>();
    let skipped = 0;
    for (const key of ARCHIVED_TABLES) {
      const model = sourceModel(context, key, before);
      counts[key] = model.eligible.length;
      skipped += model.skipped;
      for (const entry of model.eligible) years.add(entry.year);
    }
    const eligible = { followUps: counts.followUps, tickets: counts.tickets, surveys: counts.satisfaction };
    const sorted = [...years].sort((a, b) => a - b);
    const total = eligible.followUps + eligible.tickets + eligible.surveys;
    const message =
      total === 0
        ? t('archive.nothing', { before })
        : t('archive.preview', { ...eligible, before, years: sorted.join(', ') });
    return ok({
      before,
      eligible,
      skipped,
      years: sorted,
      message: skipped > 0 ? `${message} ${t('archive.previewSkipped', { skipped })}` : message,
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

/**
 * google.script.run: archives records dated before 1 January of `before` (a run in progress is continued
 * with its own cut-off). Returns when done or at the time budget, with what moved so far.
 */
export function runArchive(request: unknown): ActionResult<ArchiveResult> {
  const body = requestObject(request);
  const context = actionContext();
  try {
    const { t, zone, nowMs } = context;
    const parsed = parseBeforeYear(body.before, yearIn(zone, new Date(nowMs)));
    if ('error' in parsed) return fail('validation', t(parsed.error), { before: t(parsed.error) });
    const started = underLock(context, () => {
      ensureInstalled(context);
      const refused = refusedUnlessManager(context);
      if (refused) return refused;
      if (!readCursor(context.properties)) {
        const cursor = newCursor(parsed.year, context.userEmail, nowMs);
        context.properties.set(ARCHIVE_RUN_PROPERTY, JSON.stringify(cursor));
      }
      return null;
    });
    if (started) return started;
    return ok(execute(context));
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

/** The one-off time trigger's handler: continues a run that stopped at its time budget. */
export function continueArchive(): void {
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getHandlerFunction() === ARCHIVE_TRIGGER_HANDLER) ScriptApp.deleteTrigger(trigger);
  }
  const context = actionContext();
  if (!readCursor(context.properties)) return;
  execute(context);
}

function execute(context: ActionContext): ArchiveResult {
  const { done, cursor } = runArchiveExecution(context);
  const waiting = ScriptApp.getProjectTriggers().filter(
    (trigger) => trigger.getHandlerFunction() === ARCHIVE_TRIGGER_HANDLER,
  );
  if (done) for (const trigger of waiting) ScriptApp.deleteTrigger(trigger);
  else if (waiting.length === 0)
    ScriptApp.newTrigger(ARCHIVE_TRIGGER_HANDLER).timeBased().after(CONTINUE_AFTER_MS).create();
  const moved = {
    followUps: cursor.moved.followUps,
    tickets: cursor.moved.tickets,
    surveys: cursor.moved.satisfaction,
  };
  const skipped = cursor.skipped.followUps + cursor.skipped.tickets + cursor.skipped.satisfaction;
  const total = moved.followUps + moved.tickets + moved.surveys;
  const { t } = context;
  const message = !done
    ? t('archive.continues', { ...moved })
    : total === 0
      ? t('archive.nothing', { before: cursor.before })
      : t('archive.done', { ...moved, before: cursor.before, years: cursor.years.join(', ') });
  return {
    done,
    before: cursor.before,
    moved,
    skipped,
    files: filesOf(context.properties),
    message: skipped > 0 ? `${message} ${t('archive.skipped', { skipped })}` : message,
  };
}
