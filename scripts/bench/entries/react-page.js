// What a React agent page imports from the npm build: the call button and the notifications as React
// components (kept by the page, as an app that renders them would). React itself is left out of the
// figure: the app has it anyway.
import { CallButton, CallNotification } from '../../../dist/npm/react/index.js';

globalThis.agentPage = { CallButton, CallNotification };
