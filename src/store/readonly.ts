import type { ReadableAtom } from 'nanostores';
import { $aircallConfigs as aircallConfigs } from './aircall.js';
import { $call as call, type CallSnapshot } from './call.js';
import { $settings as settings, type LibrarySettings } from './config.js';
import { $notifications as notifications, type CallNotification } from './notifications.js';
import { $outbox as outbox, type OutboxState } from './outbox.js';
import { $stats as stats, type CallStats } from './stats.js';
import type { PublicAircallConfig } from '../schema/aircall-config.js';

// The stores as the public API gives them: read-only. The library alone changes them.

/** The live call, or null: what every element on the page shows. */
export const $call: ReadableAtom<CallSnapshot | null> = call;
/** The notifications being shown (dismiss one with `dismissNotification`). */
export const $notifications: ReadableAtom<readonly CallNotification[]> = notifications;
/** The durable queue: pending records, dead letters, whether it is sending or paused. */
export const $outbox: ReadableAtom<OutboxState> = outbox;
/** This page's call statistics (answered, failed, mean set-up time). */
export const $stats: ReadableAtom<CallStats> = stats;
/** The locale and the notification level `configure()` set. */
export const $settings: ReadableAtom<LibrarySettings> = settings;
/** The Aircall configurations this page has loaded or saved, by scope, without secrets. */
export const $aircallConfigs: ReadableAtom<Readonly<Record<string, PublicAircallConfig | null>>> = aircallConfigs;
