// The demo's own script. It imports the bundle a script-tag host would use (and two of its subpaths), and builds its DOM with
// createElement/textContent only: the page runs under a CSP with Trusted Types, where innerHTML is refused. Calls and the
// Aircall settings are stored on the reference server that `npm start` runs under /api (scripts/serve.mjs), through the
// library's HTTP adapter; /demo-control/* is that development server's own switches, not part of the library.
import {
  $call,
  $outbox,
  $stats,
  configure,
  DEBUG_KEY,
  loadLocale,
  onCallStored,
  retryDeadLetters,
  translate,
} from '../dist/bundle/index.js';
import { createDemoProvider } from '../dist/bundle/providers/demo.js';
import { createHttpStorage } from '../dist/bundle/storage/http.js';

const PREFS_KEY = 'call-elements-demo:prefs';

/** French for the page's static text; the English is what index.html says (read at start-up). */
const STATIC_FR = {
  'page.title': 'Démo de call-elements',
  'page.skip': 'Aller à la démo',
  'page.intro':
    'Des appels téléphoniques sous forme d’éléments HTML. Cette page utilise le fournisseur de démonstration intégré et enregistre les appels sur le serveur de référence (call-elements/server) que npm start fait tourner sur cette machine, avec PGlite dans le dossier .demo-data : pas de compte, pas de micro, rien ne quitte votre machine.',
  'page.footer':
    'Servie avec une Content-Security-Policy stricte : ni script ni style en ligne, pas d’eval, et la seule politique Trusted Types de Lit.',
  'options.title': 'Options de la page',
  'options.lang': 'Langue',
  'options.theme': 'Thème personnalisé',
  'options.debug': 'Journal de débogage dans la console',
  'live.title': 'Appel en cours',
  'live.hint':
    'L’appel appartient à la page : ces commandes l’affichent quel que soit le bouton qui l’a lancé, et le terminent même après la disparition de ce bouton.',
  'leads.title': 'Prospects à appeler',
  'leads.intro':
    'Un bouton d’appel par prospect. Chaque appel est enregistré avec les identifiants du prospect, de la demande et de l’agent, et un seul appel peut être en cours sur la page.',
  'leads.reception': 'Accueil (reçoit les appels) · agent-7',
  'leads.dialler': 'N’importe quel numéro, avec compte rendu · agent-7',
  'leads.incoming':
    'Le bouton de l’accueil porte l’attribut accept-incoming et n’a pas de numéro : il ne fait que recevoir des appels (son interrupteur Disponible arrête et reprend la réception). Utilisez « Simuler un appel entrant » à droite : il sonne, l’appelant est identifié (lookupCaller nomme le +14155550123 Grace Hopper, lead-47), il est annoncé aux lecteurs d’écran et propose Répondre et Refuser. Le dernier bouton appelle n’importe quel numéro saisi, et demande après l’appel un résultat, une note et une note de qualité, enregistrés dans la même fiche.',
  'simulate.incoming': 'Simuler un appel entrant',
  'simulate.title': 'Votre correspondant',
  'simulate.intro': 'Le fournisseur de démonstration joue le rôle de la personne appelée.',
  'simulate.outcome': 'Ce que fait le correspondant',
  'simulate.outcome.completed': 'répond',
  'simulate.outcome.busy': 'est occupé',
  'simulate.outcome.no-answer': 'ne répond pas',
  'simulate.outcome.failed': 'échoue (erreur du fournisseur)',
  'simulate.rings': 'Sonne pendant (secondes)',
  'simulate.hangup': 'Raccroche après (secondes, vide : jamais)',
  'stats.title': 'Les appels de cette page',
  'outbox.title': 'Stockage et file d’envoi',
  'outbox.intro':
    'Un appel terminé est d’abord écrit dans une file durable dans l’IndexedDB de ce navigateur, puis envoyé au serveur de référence (PUT /api/calls/{id}, par l’adaptateur HTTP de la bibliothèque) avec des nouvelles tentatives. Les interrupteurs ci-dessous arrêtent vraiment ce serveur, ou lui font refuser les appels.',
  'outbox.backend': 'Le serveur de référence',
  'outbox.down': 'Simuler une panne du serveur',
  'outbox.down.help':
    'Ferme le serveur (et sa base) : chaque requête à /api reçoit 503 jusqu’à ce que vous le rallumiez. La file garde l’appel et réessaie après 1, 2, 4, puis au plus 8 secondes ; une fois le serveur revenu, l’essai suivant l’enregistre.',
  'outbox.refuses': 'Le serveur refuse les appels',
  'outbox.refuses.help':
    'Le serveur de développement répond 422 aux PUT /api/calls/… : un refus définitif, comme pour un enregistrement qu’un serveur n’acceptera jamais. L’appel devient une lettre morte, gardée jusqu’à ce que quelqu’un le renvoie.',
  'outbox.reset': 'Effacer les données de la démo',
  'outbox.reset.help':
    'Supprime les appels, les actions et les paramètres Aircall du serveur (le dossier .demo-data), puis recharge la page. Arrêter npm start et supprimer ce dossier revient au même.',
  'outbox.queue': 'File d’envoi',
  'outbox.dead': 'Lettres mortes',
  'outbox.activity': 'Requêtes au serveur',
  'outbox.activity.help': 'Ce que les requêtes de cette page ont reçu en réponse, de la plus récente à la plus ancienne.',
  'stored.title': 'Historique des appels',
  'stored.intro':
    'Ce que contient la base du serveur (storage.listCalls, soit GET /api/calls, du plus récent au plus ancien, 20 au plus), relu à chaque appel enregistré. Elle survit à un redémarrage de npm start.',
  'stored.caption': 'Appels conservés par le serveur',
  'stored.time': 'Heure',
  'stored.lead': 'Prospect',
  'stored.number': 'Numéro',
  'stored.status': 'Statut',
  'stored.duration': 'Durée',
  'stored.id': 'Identifiant',
  'aircall.title': 'Paramètres Aircall',
  'aircall.intro':
    'Le formulaire d’administration de l’organisation demo-org en France. Seuls ADMIN, MANAGER et SUPER_ADMIN peuvent le modifier ; changez de rôle pour voir la vue en lecture seule. Il enregistre sur le serveur de référence, qui vérifie le rôle à nouveau : le rôle choisi lui est envoyé dans l’en-tête X-Demo-Role, que lit la connexion de développement du serveur de la démo (un vrai déploiement lit votre session).',
  'aircall.role': 'Votre rôle',
  'aircall.button': 'Un bouton Aircall de demo-org',
  'aircall.account':
    'Enregistrer le formulaire met ce bouton à jour aussitôt : masqué tant qu’Aircall est désactivé ou non configuré, désactivé avec la raison quand les appels sortants ne sont pas autorisés. Appeler ouvre l’espace de travail Aircall, qui demande un compte Aircall, votre domaine autorisé chez Aircall et un accès à Internet.',
  'theme.title': 'Thème',
  'theme.intro':
    'L’option Thème personnalisé (en haut de la page) ajoute à la page une classe dont le CSS règle les propriétés personnalisées de la bibliothèque et stylise les parties des éléments. Aucun style en ligne n’est nécessaire.',
  'accounts.title': 'Twilio ou Aircall avec votre propre compte',
  'accounts.twilio':
    'Twilio : votre serveur donne à l’agent connecté un jeton d’accès de courte durée (voir le README). Ensuite, un seul attribut, ou configure() :',
  'accounts.aircall':
    'Aircall : un administrateur active Aircall dans le formulaire de paramètres de l’organisation et du pays, le domaine est autorisé dans le tableau de bord Aircall, et la CSP de la page autorise frame-src https://workspace.aircall.io.',
  'log.title': 'Événements',
  'log.intro': 'Chaque événement émis par les éléments, du plus récent au plus ancien. call-end porte l’enregistrement complet de l’appel.',
  'log.clear': 'Effacer',
};

/** Text this script writes itself. */
const TEXT = {
  en: {
    pending: 'Waiting to be stored',
    inFlight: 'Being sent',
    nextAttempt: 'Next attempt',
    lastError: 'Last error',
    durable: 'Durable queue (IndexedDB)',
    flusher: 'This tab sends',
    yes: 'yes',
    no: 'no',
    otherTab: 'no (another tab does)',
    none: '—',
    inSeconds: 'in {n} s',
    now: 'now',
    noDeadLetter: 'None: every call was accepted or is still being retried.',
    deadLetter: '{id}: {message} ({attempts} attempts)',
    deadLetterOne: '{id}: {message} (1 attempt)',
    retry: 'Retry',
    retryAll: 'Retry all',
    retryLabel: 'Retry {id}',
    answer: '{time} {method} {path} → {status}',
    answerAttempt: '{time} {method} {path} → {status} (attempt {attempt})',
    noAnswer: 'no answer ({message})',
    switchFailed: 'The development server did not answer: {message}',
    noCall: 'No stored call yet: place a call above.',
    listFailed: 'The stored calls could not be read: {message}',
    calls: 'Calls',
    answered: 'Answered',
    answeredRate: 'Answered rate',
    averageSetup: 'Average setup (dialling to answer)',
    seconds: '{n} s',
    liveIdle: 'No live call.',
    liveCall: 'Live call: {name} — {state}',
    aircallHidden: 'The Aircall button is hidden: Aircall is off or not configured for demo-org / FR. As an ADMIN, tick “Enable Aircall”, fill in the connection fields and save.',
    aircallShown: 'The Aircall button is shown: Aircall is on for demo-org / FR.',
    incomingRinging: 'A call from +14155550123 is ringing on the reception button.',
    incomingRefused: 'Nobody took the call: a call is already live, or no button accepts incoming calls.',
  },
  fr: {
    pending: 'En attente d’enregistrement',
    inFlight: 'En cours d’envoi',
    nextAttempt: 'Prochain essai',
    lastError: 'Dernière erreur',
    durable: 'File durable (IndexedDB)',
    flusher: 'Cet onglet envoie',
    yes: 'oui',
    no: 'non',
    otherTab: 'non (un autre onglet s’en charge)',
    none: '—',
    inSeconds: 'dans {n} s',
    now: 'maintenant',
    noDeadLetter: 'Aucune : chaque appel a été accepté ou est encore en cours de nouvel essai.',
    deadLetter: '{id} : {message} ({attempts} essais)',
    deadLetterOne: '{id} : {message} (1 essai)',
    retry: 'Réessayer',
    retryAll: 'Tout réessayer',
    retryLabel: 'Réessayer {id}',
    answer: '{time} {method} {path} → {status}',
    answerAttempt: '{time} {method} {path} → {status} (essai {attempt})',
    noAnswer: 'pas de réponse ({message})',
    switchFailed: 'Le serveur de développement n’a pas répondu : {message}',
    noCall: 'Aucun appel enregistré pour l’instant : passez un appel ci-dessus.',
    listFailed: 'Les appels enregistrés n’ont pas pu être lus : {message}',
    calls: 'Appels',
    answered: 'Répondus',
    answeredRate: 'Taux de réponse',
    averageSetup: 'Établissement moyen (de la numérotation à la réponse)',
    seconds: '{n} s',
    liveIdle: 'Aucun appel en cours.',
    liveCall: 'Appel en cours : {name} — {state}',
    aircallHidden: 'Le bouton Aircall est masqué : Aircall est désactivé ou non configuré pour demo-org / FR. En tant qu’ADMIN, cochez « Activer Aircall », remplissez les champs de connexion et enregistrez.',
    aircallShown: 'Le bouton Aircall est affiché : Aircall est activé pour demo-org / FR.',
    incomingRinging: 'Un appel du +14155550123 sonne sur le bouton de l’accueil.',
    incomingRefused: 'Personne n’a pris l’appel : un appel est déjà en cours, ou aucun bouton n’accepte les appels entrants.',
  },
};

const STATIC_EN = Object.fromEntries([...document.querySelectorAll('[data-l10n]')].map((el) => [el.dataset.l10n, el.textContent.trim().replace(/\s+/g, ' ')]));

const lang = () => (document.documentElement.lang === 'fr' ? 'fr' : 'en');

function t(key, params = {}) {
  return TEXT[lang()][key].replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

/** Status lines written with t(): said again in the new language when the language changes. */
const spoken = new Map();
function say(node, key, params) {
  if (key === undefined) spoken.delete(node);
  else spoken.set(node, [key, params]);
  node.textContent = key === undefined ? '' : t(key, params);
}
function sayAgain() {
  for (const [node, [key, params]] of spoken) node.textContent = t(key, params);
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

const clock = (at = Date.now()) => new Intl.DateTimeFormat(lang(), { timeStyle: 'medium' }).format(at);

// ——— Storage: the reference server, through the HTTP adapter ———

const roleSelect = document.querySelector('#role');
const backendLog = document.querySelector('#backend-log');
const attempts = new Map();
const TRANSIENT = new Set([408, 409, 425, 429]);

/** Adds a line to the request log: what one of this page's requests to /api got back, as the page saw it. */
function logRequest({ method, url, status, code, failure }) {
  const { pathname, search } = new URL(url, location.href);
  const callId = method === 'PUT' && pathname.startsWith('/api/calls/') ? decodeURIComponent(pathname.slice('/api/calls/'.length)) : undefined;
  const path = decodeURIComponent(pathname) + search;
  const attempt = callId === undefined ? undefined : (attempts.get(callId) ?? 0) + 1;
  if (callId !== undefined) attempts.set(callId, attempt);
  const answer = failure !== undefined ? t('noAnswer', { message: failure }) : [status, code].filter(Boolean).join(' ');
  const item = element('li', t(attempt === undefined ? 'answer' : 'answerAttempt', { time: clock(), method, path, status: answer, attempt }));
  // What the HTTP contract makes of it: done, to try again later, or refused for good.
  item.dataset.outcome = failure !== undefined || status >= 500 || TRANSIENT.has(status) ? 'transient' : status >= 400 ? 'permanent' : 'ok';
  item.dataset.status = String(status ?? 'none');
  if (callId !== undefined) item.dataset.callId = callId;
  backendLog.prepend(item);
  while (backendLog.children.length > 40) backendLog.lastElementChild.remove();
}

/** The page's fetch, watched: the adapter sends every request through it. */
async function watchedFetch(url, init = {}) {
  const method = init.method ?? 'GET';
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    logRequest({ method, url, failure: error instanceof Error ? error.message : String(error) });
    throw error;
  }
  const code = response.ok ? undefined : await response.clone().json().then((body) => body?.error, () => undefined);
  logRequest({ method, url, status: response.status, code });
  return response;
}

/**
 * The library's HTTP adapter on the server under /api of this origin. The role chosen in the
 * Aircall settings goes with every request, as the X-Demo-Role header that the development
 * server's sign-in reads (a real host sends its session cookie or a bearer token instead).
 */
const calls = createHttpStorage({ baseUrl: '/api', headers: () => ({ 'X-Demo-Role': roleSelect.value }), fetch: watchedFetch });

configure({
  storage: calls,
  // Short delays so that a retry and the recovery show within seconds (the default backoff goes up to 5 minutes).
  outbox: { baseDelayMs: 1000, maxDelayMs: 8000 },
  // The identity would come from the host's login; the demo has one fixed user.
  identity: async () => ({ userId: 'demo-user' }),
  // The host's directory: who is calling, asked while an incoming call rings.
  lookupCaller: (from) => (from === '+14155550123' ? { leadId: 'lead-47', displayName: 'Grace Hopper' } : undefined),
});

// ——— The development server's switches (scripts/serve.mjs, /demo-control/*) ———

const switches = { down: document.querySelector('#backend-down'), refuses: document.querySelector('#backend-refuses') };
const switchStatus = document.querySelector('#backend-status');
const resetButton = document.querySelector('#reset-data');

async function demoControl(path, body) {
  const response = await fetch(
    `/demo-control/${path}`,
    body === undefined ? undefined : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
  );
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

function showSwitches(state) {
  switches.down.checked = state.down;
  switches.refuses.checked = state.refuses;
}

/** Runs a switch's request with the controls disabled until the server has done it (stopping or restarting takes a moment). */
async function switching(request) {
  const controls = [switches.down, switches.refuses, resetButton];
  for (const control of controls) control.disabled = true;
  say(switchStatus);
  try {
    showSwitches(await request());
    return true;
  } catch (error) {
    say(switchStatus, 'switchFailed', { message: error instanceof Error ? error.message : String(error) });
    return false;
  } finally {
    for (const control of controls) control.disabled = false;
  }
}

for (const [name, toggle] of Object.entries(switches)) {
  toggle.addEventListener('change', () => {
    const wanted = toggle.checked;
    void switching(() => demoControl('backend', { [name]: wanted })).then((done) => done || (toggle.checked = !wanted));
  });
}
resetButton.addEventListener('click', () => {
  void switching(() => demoControl('reset', {})).then((done) => done && location.reload());
});
// The server keeps its switches across reloads of the page: show them as they are.
void switching(() => demoControl('backend'));

// ——— The demo provider, from the form ———

const providerForm = document.querySelector('#demo-options');

let demoProvider;

function applyProviderOptions() {
  const data = new FormData(providerForm);
  const seconds = (name) => {
    const value = Number(data.get(name));
    return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  };
  demoProvider = createDemoProvider({
    outcome: data.get('outcome'),
    answerAfterMs: seconds('answerAfter'),
    hangupAfterMs: data.get('hangupAfter') === '' ? undefined : seconds('hangupAfter'),
    recordingUrl: 'https://example.com/recordings/demo.mp3',
    incoming: true,
  });
  configure({ providers: { demo: demoProvider } });
}

const incomingStatus = document.querySelector('#incoming-status');
document.querySelector('#simulate-incoming').addEventListener('click', () => {
  say(incomingStatus, demoProvider.simulateIncoming() ? 'incomingRinging' : 'incomingRefused');
});

providerForm.addEventListener('change', applyProviderOptions);
providerForm.addEventListener('submit', (event) => event.preventDefault());
applyProviderOptions();

// ——— Page options: language, theme, debug ———

const pageOptions = document.querySelector('#page-options');
const langSelect = document.querySelector('#lang');
const themeToggle = document.querySelector('#theme');
const debugToggle = document.querySelector('#debug');
const rerenders = [sayAgain];

function readPrefs() {
  try {
    return JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') ?? {};
  } catch {
    return {};
  }
}

function applyPageOptions() {
  const language = langSelect.value === 'fr' ? 'fr' : 'en';
  document.documentElement.lang = language;
  for (const node of document.querySelectorAll('[data-l10n]')) {
    const key = node.dataset.l10n;
    node.textContent = language === 'fr' ? (STATIC_FR[key] ?? STATIC_EN[key]) : STATIC_EN[key];
  }
  document.documentElement.classList.toggle('theme-custom', themeToggle.checked);
  if (debugToggle.checked) localStorage.setItem(DEBUG_KEY, 'true');
  else localStorage.removeItem(DEBUG_KEY);
  localStorage.setItem(PREFS_KEY, JSON.stringify({ lang: language, theme: themeToggle.checked }));
  rerenders.forEach((render) => render());
  // The page's own lists use translate(), which speaks French once its catalogue is downloaded (the
  // elements load it themselves): render again when it is there.
  if (language === 'fr') void loadLocale('fr').then(() => rerenders.forEach((render) => render()));
}

/** Shows the reader the theme's CSS: the `.theme-custom` rules of demo.css, as the browser parsed them. */
function showThemeCss() {
  const sheet = [...document.styleSheets].find((candidate) => candidate.href?.endsWith('/demo.css'));
  const rules = [...(sheet?.cssRules ?? [])].filter((rule) => rule.selectorText?.startsWith('.theme-custom'));
  document.querySelector('#theme-css').textContent = rules.map((rule) => rule.cssText).join('\n');
}
showThemeCss();

const prefs = readPrefs();
langSelect.value = prefs.lang === 'fr' ? 'fr' : 'en';
themeToggle.checked = prefs.theme === true;
debugToggle.checked = localStorage.getItem(DEBUG_KEY) === 'true';
pageOptions.addEventListener('change', applyPageOptions);
pageOptions.addEventListener('submit', (event) => event.preventDefault());

// ——— Outbox state ———

const outboxList = document.querySelector('#outbox');
const deadLetters = document.querySelector('#dead-letters');

function figures(list, rows) {
  list.replaceChildren(
    ...rows.flatMap(([key, label, value, empty = false]) => {
      const term = element('dt', label);
      const description = element('dd', String(value));
      description.dataset.figure = key;
      // "—" says there is nothing: it is not coloured as an error.
      if (empty) description.dataset.empty = '';
      return [term, description];
    }),
  );
}

function renderOutbox() {
  const state = $outbox.get();
  const next = state.pending > 0 && state.nextAttemptAt ? Math.ceil((state.nextAttemptAt - Date.now()) / 1000) : undefined;
  figures(outboxList, [
    ['pending', t('pending'), state.pending],
    ['in-flight', t('inFlight'), state.inFlight],
    ['next-attempt', t('nextAttempt'), next === undefined ? t('none') : next > 0 ? t('inSeconds', { n: next }) : t('now')],
    ['last-error', t('lastError'), state.lastError ? `${state.lastError.code}: ${translate(lang(), `error.${state.lastError.code}`, state.lastError.params)}` : t('none'), !state.lastError],
    ['durable', t('durable'), state.durable ? t('yes') : t('no')],
    ['flusher', t('flusher'), state.flusher ? t('yes') : t('otherTab')],
  ]);
}

function renderDeadLetters() {
  const { deadLetters: letters } = $outbox.get();
  if (letters.length === 0) {
    deadLetters.replaceChildren(element('p', t('noDeadLetter'), 'note'));
    return;
  }
  const list = element('ul', undefined, 'dead-letters');
  for (const letter of letters) {
    const item = element('li');
    item.dataset.callId = letter.id;
    const retry = element('button', t('retry'), 'secondary');
    retry.type = 'button';
    retry.setAttribute('aria-label', t('retryLabel', { id: letter.id }));
    retry.addEventListener('click', () => void retryDeadLetters(letter.id));
    item.append(element('span', t(letter.attempts === 1 ? 'deadLetterOne' : 'deadLetter', { id: letter.id, message: letter.message, attempts: letter.attempts })), retry);
    list.append(item);
  }
  const retryAll = element('button', t('retryAll'), 'secondary');
  retryAll.type = 'button';
  retryAll.addEventListener('click', () => void retryDeadLetters());
  deadLetters.replaceChildren(list, retryAll);
}

$outbox.subscribe(() => {
  renderOutbox();
  renderDeadLetters();
});
// The countdown to the next attempt moves on its own.
setInterval(() => {
  if ($outbox.get().pending > 0) renderOutbox();
}, 500);
rerenders.push(renderOutbox, renderDeadLetters);

// ——— Stored calls ———

const storedBody = document.querySelector('#stored-calls tbody');
const storedHeadings = [...document.querySelectorAll('#stored-calls thead th')];
let storedRecords;
let storedProblem;

function duration(seconds) {
  if (seconds === undefined) return t('none');
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

function renderStored() {
  if (storedProblem || !storedRecords?.length) {
    const row = element('tr');
    const cell = element('td', storedProblem ? t('listFailed', { message: storedProblem }) : t('noCall'));
    cell.colSpan = 6;
    row.setAttribute('role', 'row');
    cell.setAttribute('role', 'cell');
    row.append(cell);
    storedBody.replaceChildren(row);
    return;
  }
  const when = new Intl.DateTimeFormat(lang(), { dateStyle: 'short', timeStyle: 'medium' });
  storedBody.replaceChildren(
    ...storedRecords.map((record) => {
      const row = element('tr');
      row.dataset.callId = record.id;
      const cells = [
        element('td', when.format(new Date(record.startedAt ?? record.endedAt))),
        element('td', [record.displayName, record.leadId].filter(Boolean).join(' · ') || t('none')),
        element('td', record.direction === 'inbound' ? (record.from ?? t('none')) : (record.to ?? t('none'))),
        element('td', translate(lang(), `status.${record.status}`)),
        element('td', duration(record.durationSec)),
        element('td', record.id, 'call-id'),
      ];
      // On a narrow screen each row is a card: every value says which column it is.
      cells.forEach((cell, index) => {
        cell.dataset.label = storedHeadings[index]?.textContent ?? '';
        cell.setAttribute('role', 'cell');
      });
      row.setAttribute('role', 'row');
      row.append(...cells);
      return row;
    }),
  );
}

let refreshing;
let refreshAgain = false;

/** Reads the storage again; calls that arrive together share one read. */
function refreshStored() {
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = calls
    .listCalls({ limit: 20 })
    .then(
      (records) => {
        storedRecords = records;
        storedProblem = undefined;
      },
      (error) => {
        storedProblem = error instanceof Error ? error.message : String(error);
      },
    )
    .then(() => {
      renderStored();
      refreshing = undefined;
      if (refreshAgain) {
        refreshAgain = false;
        refreshStored();
      }
    });
}

// call-stored comes from the button that placed the call; onCallStored also reports records left by an
// earlier visit (or sent by another tab), which no button on this page is waiting for.
document.addEventListener('call-stored', refreshStored);
onCallStored(refreshStored);
refreshStored();
rerenders.push(renderStored);

// ——— Figures: $stats and $call ———

const statsList = document.querySelector('#stats');
const liveCall = document.querySelector('#live-call');

function renderStats() {
  const stats = $stats.get();
  const percent = new Intl.NumberFormat(lang(), { style: 'percent' });
  const decimal = new Intl.NumberFormat(lang(), { maximumFractionDigits: 1 });
  figures(statsList, [
    ['calls', t('calls'), stats.calls],
    ['answered', t('answered'), stats.answered],
    ['answered-rate', t('answeredRate'), percent.format(stats.answeredRate)],
    ['average-setup', t('averageSetup'), stats.averageSetupMs === undefined ? t('none') : t('seconds', { n: decimal.format(stats.averageSetupMs / 1000) })],
  ]);
}

function renderLiveCall() {
  const call = $call.get();
  const active = call && !['ended', 'failed'].includes(call.state);
  liveCall.textContent = active
    ? t('liveCall', { name: call.displayName ?? call.to ?? call.from ?? '?', state: translate(lang(), `state.${call.state}`) })
    : t('liveIdle');
}

$stats.subscribe(renderStats);
$call.subscribe(renderLiveCall);
rerenders.push(renderStats, renderLiveCall);

// ——— Aircall settings and button ———

const settings = document.querySelector('#settings');
const aircallButton = document.querySelector('#aircall-call');
const aircallStatus = document.querySelector('#aircall-status');

roleSelect.addEventListener('change', () => settings.setAttribute('roles', roleSelect.value));

function renderAircallStatus() {
  const hidden = aircallButton.hasAttribute('unavailable');
  aircallStatus.dataset.state = hidden ? 'hidden' : 'shown';
  aircallStatus.textContent = t(hidden ? 'aircallHidden' : 'aircallShown');
}

new MutationObserver(renderAircallStatus).observe(aircallButton, { attributes: true, attributeFilter: ['unavailable'] });
renderAircallStatus();
rerenders.push(renderAircallStatus);

// ——— Event log ———

const log = document.querySelector('#log');
const EVENTS = ['call-start', 'call-connect', 'call-end', 'call-error', 'call-stored', 'settings-saved', 'settings-error'];

for (const type of EVENTS) {
  document.addEventListener(type, (event) => {
    const item = element('li');
    item.append(element('strong', `${clock()} ${type}`), element('pre', JSON.stringify(event.detail, null, 2)));
    log.prepend(item);
    while (log.children.length > 50) log.lastElementChild.remove();
  });
}
document.querySelector('#clear-log').addEventListener('click', () => log.replaceChildren());

applyPageOptions();
