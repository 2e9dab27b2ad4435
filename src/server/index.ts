// call-elements/server: Node ≥ 20 only. Browser code never imports this subpath.
export { createCallServer, type CallServer } from './server.js';
export { nodeHandler, serveNode, type NodeServerHandle, type ServeNodeOptions } from './node.js';
export { CallServerOptionsError, type ServerErrorCode } from './errors.js';
export type {
  AircallOptions,
  Authenticate,
  CallServerOptions,
  DatabaseOptions,
  LimitOptions,
  Logger,
  Principal,
  TwilioOptions,
} from './options.js';
export { ROLES } from './auth.js';
