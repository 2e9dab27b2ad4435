import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { pageRuntime } from '../../calls/page-runtime.js';
import type { CallHandle } from '../../calls/live-call.js';
import { providerFailure } from '../../internal/errors.js';
import type { AnyMessageKey, LocaleController } from '../../internal/localize.js';
import { $call, ACTIVE_STATES, type CallSnapshot, type CallState } from '../../store/call.js';
import { durationOf } from './call-display.js';

export interface LiveCallViewOptions {
  /** Whether this element shows the call (its own, or one whose number and provider it matches). */
  matches(snapshot: CallSnapshot, call: CallHandle | undefined): boolean;
  /** How announcements name the other party. */
  nameOf(snapshot: CallSnapshot): string;
  /** Called synchronously with every change of the shown call (e.g. to reflect its state at once). */
  onChange?(snapshot: CallSnapshot | undefined): void;
}

/** What to focus after a render: the element maps it to one of its buttons. */
export type FocusTarget = 'call' | 'hangup' | 'answer' | 'keypad';

/**
 * The live call as an element shows it: the page's `$call` when the element matches it, the
 * announcements for screen readers as it changes (polite) and an alert while it rings, the
 * timer's ticking, and where focus should go when the buttons change under it. An element created
 * during a call shows it at once and announces only what happens next.
 */
export class LiveCallView implements ReactiveController {
  announcement = '';
  alert = '';
  focusTarget?: FocusTarget;
  #seen?: { sessionId: string; state: CallState; warnings: number };
  #ticker?: ReturnType<typeof setInterval>;
  #unsubscribe?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly i18n: LocaleController,
    private readonly options: LiveCallViewOptions,
  ) {
    host.addController(this);
  }

  /** The call this element shows, live or just ended; undefined when none. */
  get snapshot(): CallSnapshot | undefined {
    const snapshot = $call.get();
    return snapshot && this.options.matches(snapshot, this.#handleOf(snapshot)) ? snapshot : undefined;
  }

  /** The page's call, whether this element shows it or not. */
  get liveSnapshot(): CallSnapshot | null {
    return $call.get();
  }

  /** What the agent can do with the shown call while it is live. */
  get call(): CallHandle | undefined {
    const snapshot = this.snapshot;
    const handle = snapshot && this.#handleOf(snapshot);
    return handle?.session.isActive ? handle : undefined;
  }

  get active(): boolean {
    const snapshot = this.snapshot;
    return !!snapshot && ACTIVE_STATES.has(snapshot.state);
  }

  hostConnected(): void {
    this.#unsubscribe = $call.listen(() => this.#follow(true));
    this.#follow(false);
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#stopTicker();
  }

  /** Looks at the page's call again (the element's own idea of which call it shows changed). */
  refresh(): void {
    this.#follow(true);
  }

  /** An announcement of the element's own (e.g. "Calling…" while the code of calls downloads). */
  announce(key: AnyMessageKey, params: Record<string, unknown> = {}): void {
    this.announcement = this.i18n.t(key, params);
    this.host.requestUpdate();
  }

  #handleOf(snapshot: CallSnapshot): CallHandle | undefined {
    return pageRuntime().engine()?.callOf(snapshot.sessionId);
  }

  /** Follows a change of the call: what to say, what to focus, whether the timer ticks. */
  #follow(speak: boolean): void {
    const snapshot = this.snapshot;
    this.options.onChange?.(snapshot);
    const previous = this.#seen?.sessionId === snapshot?.sessionId ? this.#seen : undefined;
    this.#seen = snapshot && { sessionId: snapshot.sessionId, state: snapshot.state, warnings: snapshot.warnings.length };
    const connected = snapshot?.state === 'connected' || snapshot?.state === 'reconnecting';
    if (connected) this.#startTicker();
    else this.#stopTicker();
    this.alert = snapshot?.state === 'incoming' ? this.i18n.t('announce.incoming', { name: this.options.nameOf(snapshot) }) : '';
    if (!snapshot) {
      this.host.requestUpdate();
      return;
    }
    const changed = previous?.state !== snapshot.state;
    if (changed && previous && this.host.matches(':focus-within')) {
      this.focusTarget = snapshot.state === 'incoming' ? 'answer' : ACTIVE_STATES.has(snapshot.state) ? 'hangup' : 'call';
    }
    if (speak && (previous || snapshot.state === 'incoming' || snapshot.state === 'connecting')) {
      const spoken = this.#spoken(snapshot, changed ? previous?.state : snapshot.state);
      if (spoken) this.announcement = spoken;
      else if (previous && previous.warnings === 0 && snapshot.warnings.length > 0) this.announcement = this.i18n.t('announce.quality');
    }
    this.host.requestUpdate();
  }

  #spoken(snapshot: CallSnapshot, previous: CallState | undefined): string | undefined {
    if (previous === snapshot.state) return undefined;
    const t = this.i18n.t.bind(this.i18n);
    const name = this.options.nameOf(snapshot);
    switch (snapshot.state) {
      case 'connecting':
        return t('announce.connecting', { name });
      case 'ringing':
        return t('announce.ringing', { name });
      case 'connected':
        return t('announce.connected', { name });
      case 'reconnecting':
        return t('announce.reconnecting', { name });
      case 'ended': {
        const outcome = t(`status.${snapshot.status ?? 'completed'}` as AnyMessageKey);
        // A call nobody answered (busy, declined, missed…) has no duration to speak of.
        if (snapshot.answeredAt === undefined) return t('announce.endedUnanswered', { name, outcome });
        const total = durationOf(snapshot);
        const duration = t('duration.short', { minutes: Math.floor(total / 60), seconds: total % 60 });
        return t('announce.ended', { name, outcome, duration });
      }
      case 'failed':
        return t('announce.failed', { name, message: snapshot.error ? providerFailure(snapshot.error).localizedMessage(this.i18n.locale) : '' });
      default:
        return undefined;
    }
  }

  #startTicker(): void {
    this.#ticker ??= setInterval(() => this.host.requestUpdate(), 1000);
  }

  #stopTicker(): void {
    if (this.#ticker !== undefined) clearInterval(this.#ticker);
    this.#ticker = undefined;
  }
}
