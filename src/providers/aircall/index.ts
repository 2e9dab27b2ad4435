export { loadAircallSdk } from './sdk.js';
export type { AircallWorkspace, AircallWorkspaceConstructor, AircallWorkspaceSettings } from './sdk.js';
export {
  AIRCALL_WORKSPACE_URL,
  DEFAULT_LOAD_TIMEOUT_MS,
  createAircallProvider,
} from './aircall-provider.js';
export type { AircallProvider, AircallProviderOptions } from './aircall-provider.js';
export { AircallWorkspaceElement } from './workspace-element.js';
export type { WorkspaceStatus } from './workspace-element.js';
