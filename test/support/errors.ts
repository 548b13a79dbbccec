/** What a call threw, as plain data, so tests can compare Apps Script's `name` and exact message. */
export function errorOf(fn: () => unknown): { name: string; message: string } {
  try {
    fn();
  } catch (error) {
    const e = error as Error;
    return { name: e.name, message: e.message };
  }
  throw new Error('expected an exception');
}
