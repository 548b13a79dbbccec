/**
 * Type-level only (not bundled): the exported entry points must implement the sidebar contract exactly,
 * so a renamed or retyped server function breaks `npm run typecheck`, not a user's sidebar.
 */
import type { ServerFunctions } from '../shared/rpc/contract';
import * as entryPoints from './index';

export const contractCheck: ServerFunctions = entryPoints;
