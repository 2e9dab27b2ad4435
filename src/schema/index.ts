export * from './common.js';
export * from './call-record.js';
export * from './call-action.js';
export * from './aircall-config.js';
