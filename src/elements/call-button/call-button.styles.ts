import { css } from 'lit';
import { visuallyHidden } from '../shared/visually-hidden.styles.js';

export const styles = css`
  :host {
    --call-button-accent: var(--call-color-accent, #0b6bcb);
    --call-button-accent-text: var(--call-color-on-accent, #ffffff);
    --call-button-danger: var(--call-color-danger, #c62828);
    --call-button-danger-text: var(--call-color-on-danger, #ffffff);
    --call-button-text: var(--call-color-text, #1d2430);
    --call-button-muted-text: var(--call-color-text-muted, #555f6d);
    --call-button-radius: var(--call-radius, 0.5rem);
    --call-button-gap: var(--call-space, 0.5rem);
    --call-button-font: var(--call-font, 1em/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    --call-button-warning: var(--call-color-warning, #8a5a00);
    display: inline-block;
    color: var(--call-button-text);
    font: var(--call-button-font);
  }
  :host([hidden]),
  :host([unavailable]:not([state='connecting']):not([state='ringing']):not([state='incoming']):not([state='connected']):not([state='reconnecting'])) {
    display: none;
  }
  .base {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--call-button-gap);
  }
  .contact {
    display: inline-flex;
    flex-direction: column;
    line-height: 1.2;
  }
  .name {
    font-weight: 600;
  }
  .number,
  .status,
  .reason {
    color: var(--call-button-muted-text);
    font-size: 0.875em;
  }
  .reason,
  .failure {
    flex-basis: 100%;
  }
  .failure {
    color: var(--call-button-danger);
    font-size: 0.875em;
  }
  button {
    font: inherit;
    /* Transparent, not none: with forced colours (Windows High Contrast) the border is drawn, so every button keeps its outline. */
    border: 1px solid transparent;
    border-radius: var(--call-button-radius);
    padding: 0.5em 1em;
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
  }
  button:focus-visible {
    outline: 3px solid var(--call-button-accent);
    outline-offset: 2px;
  }
  button[disabled] {
    cursor: not-allowed;
    opacity: 0.55;
  }
  .call {
    background: var(--call-button-accent);
    color: var(--call-button-accent-text);
  }
  .hangup {
    background: var(--call-button-danger);
    color: var(--call-button-danger-text);
  }
  .secondary {
    background: transparent;
    color: var(--call-button-text);
    border-color: currentColor;
  }
  .secondary[aria-pressed='true'] {
    background: var(--call-button-text);
    color: #fff;
  }
  .keypad {
    flex-basis: 100%;
    display: grid;
    grid-template-columns: repeat(3, 3rem);
    gap: 0.25rem;
  }
  .keypad-display {
    grid-column: 1 / -1;
    min-height: 1.4em;
    text-align: center;
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.1em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .key {
    justify-content: center;
    padding: 0.5em 0;
    background: transparent;
    color: var(--call-button-text);
    border-color: currentColor;
    font-variant-numeric: tabular-nums;
  }
  .quality {
    color: var(--call-button-warning);
    font-size: 0.875em;
    font-weight: 600;
  }
  .timer {
    font-variant-numeric: tabular-nums;
  }
  ${visuallyHidden}
  svg {
    width: 1em;
    height: 1em;
    fill: currentColor;
  }
  @media (forced-colors: active) {
    /* The system colours replace ours; keep what the colours alone said. */
    .secondary[aria-pressed='true'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
      border-color: Highlight;
    }
    button[disabled] {
      color: GrayText;
      border-color: GrayText;
      opacity: 1;
    }
  }
`;
