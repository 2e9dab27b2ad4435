// Angular: the README's "Angular" snippet (imports point at src/ instead of the package). tsc checks
// the component class; the template is checked by Angular's compiler (not installed here), so the
// bottom of this file writes out the code its strict template checking generates for the event bindings.
import { Component, CUSTOM_ELEMENTS_SCHEMA, ElementRef, Input, ViewChild } from '@angular/core';
import '../../src/elements/call-button/define.js';
import type { CallButton, CallEndEvent, CallErrorEvent } from '../../src/index.js';

@Component({
  selector: 'app-lead-call',
  standalone: true,
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <call-button
      #button
      [number]="phone"
      [displayName]="name"
      (call-end)="onCallEnd($event)"
      (call-error)="onCallError($event)"
    ></call-button>
    <button type="button" (click)="hangUp()">Hang up</button>
    @if (lastCallId) {
      <p>Last call: {{ lastCallId }}</p>
    }
  `,
})
export class LeadCallComponent {
  @Input({ required: true }) phone!: string;
  @Input() name = '';
  @ViewChild('button') button?: ElementRef<CallButton>;
  lastCallId?: string;

  onCallEnd(event: CallEndEvent): void {
    this.lastCallId = event.detail.id;
  }

  onCallError(event: CallErrorEvent): void {
    console.warn(event.detail.code, event.detail.message);
  }

  hangUp(): void {
    this.button?.nativeElement.hangup();
  }
}

/**
 * With strictTemplates, Angular checks `(call-end)="onCallEnd($event)"` on an element no directive
 * claims as `document.createElement('call-button').addEventListener('call-end', ($event) => ...)`
 * (compiler-cli, typecheck/src/ops/events.ts), so `$event` gets its type from HTMLElementEventMap.
 */
export function templateEventBindings(component: LeadCallComponent): void {
  const element = document.createElement('call-button');
  element.addEventListener('call-end', ($event) => component.onCallEnd($event));
  element.addEventListener('call-error', ($event) => component.onCallError($event));
  // @ts-expect-error (call-start)="onCallEnd($event)" is refused: a CallStartEvent is not a CallEndEvent
  element.addEventListener('call-start', ($event) => component.onCallEnd($event));
}
