// Plain TypeScript: the README's "Plain TypeScript" snippet (imports point at src/ instead of the package).
// `npm run typecheck` fails when the element or event typings break; each @ts-expect-error proves a wrong use is refused.
import '../../src/elements/aircall-settings/define.js';
import '../../src/elements/call-button/define.js';
import type { CallButton, CallRecord } from '../../src/index.js';

const button: CallButton = document.createElement('call-button');
button.number = '+33 1 23 45 67 89';
button.displayName = 'Jean Dupont';
button.leadId = 'lead-42';
document.body.append(button);

button.addEventListener('call-start', (event) => console.log('calling', event.detail.to));
button.addEventListener('call-end', (event) => {
  const record: CallRecord = event.detail;
  console.log(record.id, record.status, record.durationSec);
});
button.addEventListener('call-error', (event) => {
  if (event.detail.code === 'microphone-denied') console.warn(event.detail.message);
});
button.addEventListener('call-stored', (event) => console.log('stored', event.detail.id));

document.querySelector('call-button')?.hangup();

const settings = document.createElement('aircall-settings');
settings.organizationId = 'org-42';
settings.countryCode = 'GA';
settings.addEventListener('settings-saved', (event) => console.log('version', event.detail.version, event.detail.config.enabled));
settings.addEventListener('settings-error', (event) => console.warn(event.detail.code));

// @ts-expect-error the number is a string
button.number = 33123456789;
// @ts-expect-error call-end's detail is a CallRecord: it has no `code`
button.addEventListener('call-end', (event) => event.detail.code);
// @ts-expect-error error codes are a closed union
button.addEventListener('call-error', (event) => event.detail.code === 'no-such-code');
// @ts-expect-error <aircall-settings> has no hangup()
settings.hangup();

// The events bubble to the document and the window, typed there too.
document.addEventListener('call-end', (event) => console.log(event.detail.id));
window.addEventListener('call-error', (event) => console.log(event.detail.code));
// @ts-expect-error a call-end detail is a CallRecord, which has no `foo`
document.addEventListener('call-end', (event) => console.log(event.detail.foo));

// The root API's stores are read-only: the library alone changes them.
import { $call, placeCall } from '../../src/index.js';
console.log($call.get()?.state);
// @ts-expect-error $call is a ReadableAtom: no set()
$call.set(null);
// placeCall from the root is asynchronous (the engine downloads on the first call).
void placeCall({ provider: 'demo', number: '+33123456789' }).then((call) => call.hangup());
// @ts-expect-error it gives a promise of the handle, not the handle
placeCall({ provider: 'demo', number: '+33123456789' }).hangup();
