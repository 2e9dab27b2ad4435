// The side-effect entry: registers every element and re-exports the public API.
// This is what the script-tag bundle (dist/call-elements.bundle.js) is built from.
import './elements/call-button/define.js';

export * from './index.js';
