// The agent page of an integrator with its own backend who builds the HTTP storage in code, instead of
// createLazyHttpStorage or the `storage-url` attribute (whose adapter loads on first use): the adapter and its validation load
// with the page.
import '../../../dist/npm/elements/call-button/define.js';
import '../../../dist/npm/elements/call-notification/define.js';
import { configure } from '../../../dist/npm/index.js';
import { createHttpStorage } from '../../../dist/npm/storage/http/index.js';

configure({ identity: () => ({ userId: 'agent-7' }), storage: createHttpStorage({ baseUrl: '/api' }) });
