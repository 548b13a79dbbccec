/**
 * The part of the client-side `google.script` API the sidebars use (Apps Script HTML service,
 * https://developers.google.com/apps-script/guides/html/reference/run and /host).
 */
declare namespace google.script {
  interface Runner {
    withSuccessHandler(handler: (value: unknown, userObject?: unknown) => void): Runner;
    withFailureHandler(handler: (error: Error, userObject?: unknown) => void): Runner;
    withUserObject(userObject: unknown): Runner;
    [functionName: string]: (...args: unknown[]) => unknown;
  }
  const run: Runner;
  namespace host {
    function close(): void;
    function setHeight(height: number): void;
    function setWidth(width: number): void;
    const origin: string;
    namespace editor {
      function focus(): void;
    }
  }
}
