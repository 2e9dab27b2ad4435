// The demo's own script: configures the demo provider from the form and logs every event.
// It imports the same single bundle a script-tag host would use.
import { $outbox, configure, createDemoProvider, DEBUG_KEY } from '../dist/call-elements.bundle.js';

const form = document.querySelector('#demo-options');
const log = document.querySelector('#log');

function applyOptions() {
  const data = new FormData(form);
  const hangupAfter = data.get('hangupAfter');
  configure({
    providers: {
      demo: createDemoProvider({
        outcome: data.get('outcome'),
        answerAfterMs: Number(data.get('answerAfter')) * 1000,
        hangupAfterMs: hangupAfter === '' ? undefined : Number(hangupAfter) * 1000,
        recordingUrl: 'https://example.com/recordings/demo.mp3',
      }),
    },
  });
  document.documentElement.lang = data.get('lang');
  if (data.get('debug')) localStorage.setItem(DEBUG_KEY, 'true');
  else localStorage.removeItem(DEBUG_KEY);
}

form.debug.checked = localStorage.getItem(DEBUG_KEY) === 'true';
form.addEventListener('change', applyOptions);
applyOptions();

// The identity would come from the host's login; the demo has one fixed demo user.
configure({ identity: async () => ({ userId: 'demo-user' }) });

for (const type of ['call-start', 'call-connect', 'call-end', 'call-error', 'call-stored']) {
  document.addEventListener(type, (event) => {
    const item = document.createElement('li');
    const title = document.createElement('strong');
    title.textContent = `${new Date().toLocaleTimeString()} ${type}`;
    const body = document.createElement('pre');
    body.textContent = JSON.stringify(event.detail, null, 2);
    item.append(title, body);
    log.prepend(item);
  });
}

const outbox = document.querySelector('#outbox');
$outbox.subscribe((state) => {
  const rows = [
    ['Waiting to be stored', state.pending],
    ['Being sent', state.inFlight],
    ['Refused (dead letters)', state.deadLetters.length],
    ['Durable (IndexedDB)', state.durable ? 'yes' : 'no'],
    ['This tab sends', state.flusher ? 'yes' : 'no (another tab does)'],
  ];
  outbox.replaceChildren(
    ...rows.flatMap(([label, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = String(value);
      return [dt, dd];
    }),
  );
});
