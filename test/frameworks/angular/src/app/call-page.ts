import { afterNextRender, Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import 'call-elements/elements/call-button';
import 'call-elements/elements/call-controls';
import 'call-elements/elements/call-notification';
import type { CallEndEvent, CallRecord } from 'call-elements';

@Component({
  selector: 'app-call-page',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <call-controls></call-controls>
    <call-button number="+33123456789" display-name="Jean Dupont" (call-end)="onCallEnd($event)"></call-button>
    @if (lastCall(); as call) {
      <p id="last-call">Last call: {{ call.status }}</p>
    }
    <call-notification notify="all"></call-notification>
  `,
})
export class CallPage {
  readonly lastCall = signal<CallRecord | undefined>(undefined);

  constructor() {
    afterNextRender(() => {
      document.documentElement.dataset['ready'] = 'true'; // for scripts/test-frameworks.mjs: hydrated
    });
  }

  onCallEnd(event: CallEndEvent): void {
    this.lastCall.set(event.detail);
  }
}
