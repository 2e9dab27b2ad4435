// The page elements' reactive base against Lit's ReactiveElement: each case runs on both, so the base keeps
// the behaviour of the library it stands in for (the declarations and lifecycle the elements use).
import { expect } from '@open-wc/testing';
import { css, ReactiveElement, type PropertyDeclarations, type PropertyValues, type ReactiveController } from '@lit/reactive-element';
import { ReactiveBase } from '../../src/internal/reactive-base.js';

let count = 0;

for (const [label, Base] of [
  ['ReactiveBase', ReactiveBase],
  ["Lit's ReactiveElement", ReactiveElement],
] as const) {
  /** A fresh element class on `Base`, with a log of its updates. */
  const makeClass = () => {
    const converter = { fromAttribute: (value: string | null) => (value ?? '').split(',').filter(Boolean), toAttribute: (value: string[]) => value.join(',') };
    class Parent extends (Base as typeof ReactiveBase) {
      static override properties: PropertyDeclarations = { size: { reflect: true }, flag: { type: Boolean, attribute: 'the-flag', reflect: true } };
      static override styles = css`:host { display: block; color: rgb(1, 2, 3); }`;
      size = 'medium';
      flag = false;
    }
    class Test extends Parent {
      static override properties: PropertyDeclarations = {
        count: { type: Number },
        list: { converter },
        hidden2: { state: true },
        label: {},
      };
      count = 0;
      list: string[] = [];
      hidden2 = '';
      label = '';
      log: Array<Map<PropertyKey, unknown>> = [];
      protected override willUpdate(changed: PropertyValues): void {
        super.willUpdate(changed);
        // Set here, part of this update.
        if (changed.has('label')) this.hidden2 = `derived ${this.label}`;
      }
      protected override update(changed: PropertyValues): void {
        super.update(changed);
        this.log.push(new Map(changed));
      }
    }
    const tag = `reactive-base-test-${++count}`;
    customElements.define(tag, Test);
    return { Test, tag };
  };

  describe(`the page elements' reactive base: ${label}`, () => {
    it('turns attributes into properties by type and converter, and ignores state properties', async () => {
      const { tag } = makeClass();
      const el = document.createElement(tag) as HTMLElement & Record<string, unknown>;
      el.setAttribute('count', '42');
      el.setAttribute('the-flag', '');
      el.setAttribute('list', 'a,b');
      el.setAttribute('label', 'hello');
      el.setAttribute('hidden2', 'ignored');
      document.body.append(el);
      try {
        expect(el.count).to.equal(42);
        expect(el.flag).to.equal(true);
        expect(el.list).to.deep.equal(['a', 'b']);
        expect(el.label).to.equal('hello');
        el.removeAttribute('the-flag');
        expect(el.flag).to.equal(false);
        await (el as unknown as ReactiveBase).updateComplete;
        expect(el.hidden2).to.equal('derived hello');
      } finally {
        el.remove();
      }
    });

    it('reflects properties to attributes at the update, and does not write back an attribute it read', async () => {
      const { tag } = makeClass();
      const el = document.createElement(tag) as HTMLElement & Record<string, unknown>;
      document.body.append(el);
      try {
        await (el as unknown as ReactiveBase).updateComplete;
        expect(el.getAttribute('size')).to.equal('medium');
        expect(el.hasAttribute('the-flag')).to.equal(false);
        el.flag = true;
        expect(el.hasAttribute('the-flag'), 'not before the update').to.equal(false);
        await (el as unknown as ReactiveBase).updateComplete;
        expect(el.getAttribute('the-flag')).to.equal('');
        el.setAttribute('the-flag', 'yes');
        await (el as unknown as ReactiveBase).updateComplete;
        expect(el.getAttribute('the-flag'), 'as the page wrote it').to.equal('yes');
        el.flag = false;
        await (el as unknown as ReactiveBase).updateComplete;
        expect(el.hasAttribute('the-flag')).to.equal(false);
      } finally {
        el.remove();
      }
    });

    it('batches changes into one update with their first old values, and skips values that did not change', async () => {
      const { tag } = makeClass();
      const el = document.createElement(tag) as HTMLElement & Record<string, unknown> & { log: Array<Map<PropertyKey, unknown>> };
      document.body.append(el);
      try {
        await (el as unknown as ReactiveBase).updateComplete;
        expect(el.log).to.have.length(1);
        el.count = 1;
        el.count = 2;
        el.label = 'x';
        el.size = 'medium';
        expect(await (el as unknown as ReactiveBase).updateComplete).to.equal(true);
        expect(el.log).to.have.length(2);
        expect([...el.log[1]!.entries()]).to.deep.equal([
          ['count', 0],
          ['label', ''],
          ['hidden2', 'derived '],
        ]);
      } finally {
        el.remove();
      }
    });

    it('does not update before it is connected, and keeps properties set before its class was defined', async () => {
      const tag = `reactive-base-test-${++count}`;
      const early = document.createElement(tag) as HTMLElement & Record<string, unknown>;
      early.label = 'set early';
      const { Test } = (() => {
        class Late extends (Base as typeof ReactiveBase) {
          static override properties: PropertyDeclarations = { label: {} };
          label = 'default';
          updates = 0;
          protected override update(changed: PropertyValues): void {
            super.update(changed);
            this.updates++;
          }
        }
        customElements.define(tag, Late);
        return { Test: Late };
      })();
      const upgraded = early as unknown as InstanceType<typeof Test>;
      customElements.upgrade(upgraded);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(upgraded.updates, 'not connected').to.equal(0);
      document.body.append(upgraded);
      try {
        await upgraded.updateComplete;
        expect(upgraded.updates).to.equal(1);
        expect(upgraded.label).to.equal('set early');
      } finally {
        upgraded.remove();
      }
    });

    it('runs its controllers with the host, adopts its styles, and waits for an overridden getUpdateComplete', async () => {
      const calls: string[] = [];
      const tag = `reactive-base-test-${++count}`;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      class Host extends (Base as typeof ReactiveBase) {
        static override styles = css`:host { display: block; color: rgb(1, 2, 3); }`;
        constructor() {
          super();
          const controller: ReactiveController = {
            hostConnected: () => calls.push('connected'),
            hostUpdate: () => calls.push('update'),
            hostUpdated: () => calls.push('updated'),
            hostDisconnected: () => calls.push('disconnected'),
          };
          this.addController(controller);
        }
        protected override async getUpdateComplete(): Promise<boolean> {
          const complete = await super.getUpdateComplete();
          await gate;
          return complete;
        }
      }
      customElements.define(tag, Host);
      const el = document.createElement(tag) as Host;
      document.body.append(el);
      let done = false;
      void el.updateComplete.then(() => (done = true));
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(done, 'held by the override').to.equal(false);
      release();
      await el.updateComplete;
      expect(getComputedStyle(el).color).to.equal('rgb(1, 2, 3)');
      expect(el.shadowRoot).to.equal(el.renderRoot);
      el.remove();
      expect(calls).to.deep.equal(['connected', 'update', 'updated', 'disconnected']);
    });

    it('inherits its superclass declarations and styles', async () => {
      const { tag } = makeClass();
      const el = document.createElement(tag) as HTMLElement & Record<string, unknown>;
      el.setAttribute('size', 'large');
      document.body.append(el);
      try {
        await (el as unknown as ReactiveBase).updateComplete;
        expect(el.size).to.equal('large');
        expect(getComputedStyle(el).color).to.equal('rgb(1, 2, 3)');
      } finally {
        el.remove();
      }
    });
  });
}
