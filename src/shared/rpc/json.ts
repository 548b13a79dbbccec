/**
 * What survives google.script.run: primitives, null, arrays and plain objects
 * (docs/apps-script/services.md §10). No Date (a Date in a result turns the whole payload into null), no undefined,
 * no functions. Contract types are checked against this so a Date can't sneak into a reply.
 */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Compile-time check that T only contains JSON-safe members (use as `JsonSafe<T>` in the contract). */
export type JsonSafe<T> = T extends Json
  ? T
  : T extends Date | ((...args: never[]) => unknown) | undefined
    ? never
    : T extends readonly (infer U)[]
      ? JsonSafe<U>[]
      : T extends object
        ? { [K in keyof T]: JsonSafe<T[K]> }
        : never;
