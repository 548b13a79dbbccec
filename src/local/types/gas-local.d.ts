// gas-local ships no types. Only `require` is used: it runs every matching file of a folder in one vm
// context, as the files of an Apps Script project share one global scope.
declare module 'gas-local' {
  import type { Context } from 'node:vm';
  interface GasLocal {
    require(folderPath: string, globalObject?: object, options?: { filter?: (file: string) => boolean }): Context;
  }
  const gasLocal: GasLocal;
  export default gasLocal;
}
