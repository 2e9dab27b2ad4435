// The render benchmark's reference: a plain Lit element with the same visible structure as
// <call-button> at rest (name, number, a button with an icon and a label, a status line), and no
// stores, persistence or localisation behind it.
import { LitElement, css, html, svg } from 'lit';

const icon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.6a1 1 0 0 1-.25 1z"/></svg>`;

class PlainButton extends LitElement {
  static properties = {
    number: {},
    displayName: { attribute: 'display-name' },
    state: { reflect: true },
  };

  static styles = css`
    :host { display: inline-block; font: inherit; }
    .base { display: inline-flex; align-items: center; flex-wrap: wrap; gap: 0.5rem; }
    .contact { display: inline-flex; flex-direction: column; }
    .number, .status { color: #555f6d; font-size: 0.875em; }
    button { display: inline-flex; align-items: center; gap: 0.35rem; border: 0; border-radius: 0.5rem;
      padding: 0.5rem 0.9rem; background: #0b6bcb; color: #fff; font: inherit; cursor: pointer; }
    svg { width: 1.1em; height: 1.1em; fill: currentColor; }
  `;

  constructor() {
    super();
    this.number = '';
    this.displayName = '';
    this.state = 'idle';
  }

  render() {
    return html`<div part="base" class="base">
      <span part="contact" class="contact">
        <span part="name" class="name">${this.displayName}</span><span part="number" class="number">${this.number}</span>
      </span>
      <button part="call-button" type="button" @click=${() => (this.state = 'connecting')}>
        ${icon}<span>Call ${this.displayName}</span>
      </button>
      <span part="status" class="status">Ready</span>
    </div>`;
  }
}

customElements.define('plain-button', PlainButton);
