/**
 * The add-on's public surface and nothing else: every export becomes a top-level Apps Script function
 * (scripts/build.mjs generates the wrappers), callable from triggers, menus and google.script.run.
 */
export { onOpen, onInstall, onEdit } from './triggers';
export { showAbout, getAboutInfo } from './actions/about';
export { showInstall, getInstallOptions, runInstall } from './actions/install';
export { showNewCustomer, getIntakeForm, saveCustomer } from './actions/intake';
export { showEditCustomer, getEditCustomerForm, getCustomerForEdit, saveCustomerEdit } from './actions/edit-customer';
export { showLogFollowUp, getFollowUpForm, saveFollowUp } from './actions/follow-up';
export { searchCustomers } from './actions/customer-lookup';
export { showMyDay, getMyDay } from './actions/my-day';
export {
  showNewTicket,
  showTicketWorkflow,
  getTicketForm,
  getTicket,
  getCustomerHistory,
  saveTicket,
} from './actions/ticket';
export { updateTicket } from './actions/ticket-workflow';
export { showSurvey, getSurveyForm, saveSurvey } from './actions/survey';
export { showNeedsAnalysis, getNeedsAnalysisForm, getNeedsAnalysis, saveNeedsAnalysis } from './actions/needs-analysis';
export { gradeAllCustomers } from './actions/grading';
export { toggleDailyScan, runDailyScanNow, runDailyScanTrigger } from './actions/scan';
export { openRecord } from './actions/open-record';
export { showImport, getImportForm, validateImportChunk, importChunk } from './actions/import';
export { showExport, getExportOptions, exportTable } from './actions/export';
export { createManagerViews } from './actions/views';
export { refreshDashboard } from './actions/dashboard';
export { showRecordTransaction, getTransactionForm, saveTransaction } from './actions/transaction';
export { validateTransactionImportChunk, importTransactionChunk } from './actions/transaction-import';
export { showReassign, getReassignForm, saveReassign } from './actions/reassign';
export { showArchive, getArchiveForm, previewArchive, runArchive, continueArchive } from './actions/archive';
export { showMergeCustomers, getMergeForm, saveMerge } from './actions/merge-customers';
