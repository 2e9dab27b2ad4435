// The agent page of an integrator with its own backend, configured in code with the HTTP storage that
// downloads on first use (as the `storage-url` attribute does).
import '../../../dist/elements/call-button/define.js';
import '../../../dist/elements/call-notification/define.js';
import { configure } from '../../../dist/index.js';
import { createLazyHttpStorage } from '../../../dist/storage/http/lazy-http-storage.js';

configure({ identity: () => ({ userId: 'agent-7' }), storage: createLazyHttpStorage({ baseUrl: '/api' }) });
