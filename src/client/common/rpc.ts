import type { ServerFunctionName, ServerFunctions } from '../../shared/rpc/contract';

/**
 * Promise wrapper around google.script.run, typed by the shared contract. google.script.run only carries
 * JSON-like values (a Date argument fails the call), which the contract's types already enforce.
 */
export function callServer<K extends ServerFunctionName>(
  name: K,
  ...args: Parameters<ServerFunctions[K]>
): Promise<ReturnType<ServerFunctions[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerFunctions[K]>))
      .withFailureHandler((error) => reject(error instanceof Error ? error : new Error(String(error))));
    const fn = runner[name];
    if (typeof fn !== 'function') {
      reject(new Error(`server function ${name} is not available`));
      return;
    }
    fn.apply(runner, args);
  });
}
