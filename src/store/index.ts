export * from './call.js';
export * from './notifications.js';
export * from './outbox.js';
export * from './config.js';
export * from './aircall.js';
export * from './stats.js';
