/** English catalogue: the reference set of keys; the Chinese catalogues must define every one (typed). */
export const en = {
  'app.name': 'Sheets CRM',
  'app.tagline': 'Customers, follow-ups, tickets and satisfaction, inside your spreadsheet.',
  'menu.about': 'About',
  'about.title': 'About Sheets CRM',
  'about.version': 'Version',
  'about.language': 'Language',
  'about.timeZone': 'Spreadsheet time zone',
  'about.user': 'Signed in as',
  'about.sharingNote': 'Everyone this spreadsheet is shared with can see every row. Share it only with your team.',
  'about.unknownUser': '(not available)',
  'common.loading': 'Loading…',
  'common.close': 'Close',
  'error.unexpected': 'Something went wrong: {message}',
  'error.busy': 'Someone else is saving right now. Please try again in a moment.',
  'error.invalidRequest': 'The request was not valid: {detail}',
  'menu.install': 'Install / repair workbook',
  'install.title': 'Install Sheets CRM',
  'install.intro':
    'Creates the customer, follow-up, ticket, satisfaction and transaction sheets, Settings, Team, Dashboard and Log. Existing data is never changed.',
  'install.languageLabel': 'Workbook language',
  'install.languageHelp': 'Sheet names, headers and dropdown labels use this language. It is asked once.',
  'install.submit': 'Install',
  'install.done': 'The workbook is ready.',
  'install.repaired': 'The workbook was repaired.',
  'install.nothingToDo': 'Everything is in place; nothing was changed.',
  'install.summary.created': 'Sheets created: {sheets}',
  'install.summary.columns': 'Columns restored in {sheet}: {columns}',
  'install.summary.foreign':
    'The sheet "{sheet}" has other content and was left untouched; the table was put in "{target}".',
  'install.summary.settings': 'Settings added: {count}',
  'install.summary.team': 'Team list started with {email}',
  'install.validation.pickFromList': 'Pick a value from the list.',
  'install.validation.numberBetween': 'Enter a number from {min} to {max}.',
  'install.validation.date': 'Enter a date, e.g. 2024-06-01.',
  'error.notInstalled': 'The workbook is not installed yet. Use Extensions ▸ Sheets CRM ▸ Install / repair workbook.',
  'error.missingColumns':
    'The sheet "{sheet}" is missing the column(s): {columns}. Run Install / repair workbook to restore them.',
  'error.language': 'Pick one of the offered languages.',
} as const;

export type MessageKey = keyof typeof en;
