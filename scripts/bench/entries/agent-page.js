// What an agent page imports from the npm build: the call button and the notifications. Persistence
// (the outbox, IndexedDB storage by default) comes with them; vendor SDKs load with import() later.
import '../../../dist/npm/elements/call-button/define.js';
import '../../../dist/npm/elements/call-notification/define.js';
