import { startPlayground } from './server';

/**
 * `npm start` runs this (bundled by scripts/playground.mjs): the playground on 127.0.0.1, port from
 * `--port N`, else $PORT, else 8080. Options: `--state FILE` (default .playground/state.json).
 */
function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index >= 0) return process.argv[index + 1];
  const inline = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

async function main(): Promise<void> {
  const portText = argument('port') ?? process.env.PORT ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port ${portText}`);
  const running = await startPlayground({ port, stateFile: argument('state') });
  console.log(`Playground: ${running.url}`);
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`playground: ${(error as Error).message ?? String(error)}`);
  process.exit(1);
});
