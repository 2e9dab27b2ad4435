// The agent page of agent-page.js as a host usually writes it: the user's identity and the language
// given with configure(). Persistence stays the default (IndexedDB, then the host's backend if any).
import '../../../dist/npm/elements/call-button/define.js';
import '../../../dist/npm/elements/call-notification/define.js';
import { configure } from '../../../dist/npm/index.js';

configure({ identity: () => ({ userId: 'agent-7' }), locale: 'en', notify: 'all' });
