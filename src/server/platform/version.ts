declare const __APP_VERSION__: string;

/** Injected by scripts/build.mjs from package.json, so the About box names the build that runs. */
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
