/** Pages built by scripts/build.mjs into dist/<page>.html. */
export type SidebarPage =
  | 'about'
  | 'new-customer'
  | 'edit-customer'
  | 'follow-up'
  | 'my-day'
  | 'needs-analysis'
  | 'ticket'
  | 'survey'
  | 'import'
  | 'export'
  | 'transaction'
  | 'archive'
  | 'reassign'
  | 'merge-customers';
export type DialogPage = 'install';

/** Add-on sidebars are 300 px wide whatever we ask (docs/apps-script/services.md §9), so no width here. */
export function showSidebar(page: SidebarPage, title: string): void {
  const output = HtmlService.createHtmlOutputFromFile(page).setTitle(title);
  SpreadsheetApp.getUi().showSidebar(output);
}

export function showDialog(page: DialogPage, title: string, width: number, height: number): void {
  const output = HtmlService.createHtmlOutputFromFile(page).setWidth(width).setHeight(height);
  SpreadsheetApp.getUi().showModalDialog(output, title);
}
