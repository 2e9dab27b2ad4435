// The agent page of an integrator with its own backend, configured in code with the HTTP storage that
// downloads on first use (as the `storage-url` attribute does).
import '../../../dist/npm/elements/call-button/define.js';
import '../../../dist/npm/elements/call-notification/define.js';
import { configure } from '../../../dist/npm/index.js';
import { createLazyHttpStorage } from '../../../dist/npm/storage/http/lazy-http-storage.js';

configure({ identity: () => ({ userId: 'agent-7' }), storage: createLazyHttpStorage({ baseUrl: '/api' }) });
