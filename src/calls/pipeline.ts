// Everything a call needs once it starts — the session, the record, the durable queue and the storage
// adapters — in one module that the elements load when a page places or receives its first call, or
// finds records left by an earlier page. Importing it (the script-tag bundle and `call-elements` do)
// makes it available at once, without a download.
import { listenForCalls } from './incoming.js';
import { setLoadedPipeline } from './lazy.js';
import { getOutbox, onCallStored, persistCall } from './persist.js';
import { placeCall } from './place-call.js';

export const pipeline = { placeCall, listenForCalls, persistCall, onCallStored, getOutbox };

export type Pipeline = typeof pipeline;

setLoadedPipeline(pipeline);
