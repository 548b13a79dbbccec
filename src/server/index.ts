/**
 * The add-on's public surface and nothing else: every export becomes a top-level Apps Script function
 * (scripts/build.mjs generates the wrappers), callable from triggers, menus and google.script.run.
 */
export { onOpen, onInstall } from './triggers';
export { showAbout, getAboutInfo } from './actions/about';
export { showInstall, getInstallOptions, runInstall } from './actions/install';
export { showNewCustomer, getIntakeForm, saveCustomer } from './actions/intake';
export { showLogFollowUp, getFollowUpForm, searchCustomers, saveFollowUp } from './actions/follow-up';
export { showMyDay, getMyDay } from './actions/my-day';
export { openRecord } from './actions/open-record';
