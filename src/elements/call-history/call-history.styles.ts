import { css } from 'lit';
import { visuallyHidden } from '../shared/visually-hidden.styles.js';

export const styles = css`
  :host {
    --call-history-accent: var(--call-color-accent, #0b6bcb);
    --call-history-accent-text: var(--call-color-on-accent, #ffffff);
    --call-history-danger: var(--call-color-danger, #c62828);
    --call-history-danger-surface: var(--call-color-danger-surface, #fdecea);
    --call-history-surface: var(--call-color-surface, #ffffff);
    --call-history-border: var(--call-color-border, #c9d1db);
    --call-history-text: var(--call-color-text, #1d2430);
    --call-history-muted-text: var(--call-color-text-muted, #555f6d);
    --call-history-radius: var(--call-radius, 0.5rem);
    --call-history-gap: var(--call-space, 0.75rem);
    --call-history-font: var(--call-font, 1em/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    display: block;
    color: var(--call-history-text);
    font: var(--call-history-font);
  }
  :host([hidden]) {
    display: none;
  }
  .base,
  .others {
    display: flex;
    flex-direction: column;
    gap: var(--call-history-gap);
  }
  .heading {
    margin: 0;
    font-size: 1.125em;
    font-weight: 600;
  }
  .heading:focus {
    outline: none;
  }
  p {
    margin: 0;
  }
  .muted {
    color: var(--call-history-muted-text);
  }
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .list {
    display: flex;
    flex-direction: column;
    gap: var(--call-history-gap);
  }
  .call {
    padding: var(--call-history-gap);
    border: 1px solid var(--call-history-border);
    border-radius: var(--call-history-radius);
    background: var(--call-history-surface);
    display: flex;
    flex-direction: column;
    gap: 0.5em;
  }
  .call-heading {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
  }
  .details {
    margin: 0;
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25em 1em;
  }
  .details dt {
    color: var(--call-history-muted-text);
  }
  .details dd {
    margin: 0;
  }
  .notes {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .timeline {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    padding-inline-start: 0.75em;
    border-inline-start: 2px solid var(--call-history-border);
  }
  .action time {
    color: var(--call-history-muted-text);
    font-variant-numeric: tabular-nums;
  }
  .action-type {
    font-weight: 500;
  }
  a {
    color: var(--call-history-accent);
  }
  a:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--call-history-accent);
    outline-offset: 2px;
  }
  .error {
    padding: var(--call-history-gap);
    border: 1px solid var(--call-history-danger);
    border-radius: var(--call-history-radius);
    background: var(--call-history-danger-surface);
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.5em;
  }
  button {
    font: inherit;
    /* Transparent, not none: with forced colours the border is drawn, so the button keeps its outline. */
    border: 1px solid transparent;
    border-radius: var(--call-history-radius);
    padding: 0.4em 1em;
    cursor: pointer;
    background: var(--call-history-accent);
    color: var(--call-history-accent-text);
  }
  ${visuallyHidden}
`;
