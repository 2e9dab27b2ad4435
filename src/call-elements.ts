// The side-effect entry: registers the elements, and exports the four functions that load an on-demand one earlier.
// This is what the script-tag bundle (dist/bundle/call-elements.js) is built from. The agent page's two
// elements come with it; the others are downloaded when their tag first appears in the document.
// The public API is the root entry's (`call-elements`; in the script-tag bundle, index.js): a page that only
// writes HTML does not download configure() and its checks.
import './elements/call-button/define.js';
import './elements/call-notification/define.js';
import { autoload } from './internal/autoload.js';

/**
 * `<call-controls>` is its own chunk: it is downloaded when the tag first appears in the document (a layout's
 * toolbar has it from the start). Call this to load it earlier, or when the element lives inside another shadow root.
 */
export const defineCallControls: () => Promise<void> = autoload('call-controls', () => import('./elements/call-controls/define.js'));

/**
 * `<aircall-settings>` is its own chunk: it is downloaded when the tag first appears in the document.
 * Call this to load it earlier, or when the element lives inside another shadow root.
 */
export const defineAircallSettings: () => Promise<void> = autoload('aircall-settings', () => import('./elements/aircall-settings/define.js'));

/**
 * `<call-history>` is its own chunk too: it is downloaded when the tag first appears in the document.
 * Call this to load it earlier, or when the element lives inside another shadow root.
 */
export const defineCallHistory: () => Promise<void> = autoload('call-history', () => import('./elements/call-history/define.js'));

/**
 * `<call-audio-settings>` is its own chunk as well: it is downloaded when the tag first appears in the
 * document (it brings no Twilio SDK). Call this to load it earlier, or inside another shadow root.
 */
export const defineCallAudioSettings: () => Promise<void> = autoload('call-audio-settings', () => import('./elements/call-audio-settings/define.js'));
