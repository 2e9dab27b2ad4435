import { css } from 'lit';
import { visuallyHidden } from '../shared/visually-hidden.styles.js';

export const styles = css`
  :host {
    --call-audio-settings-accent: var(--call-color-accent, #0b6bcb);
    --call-audio-settings-accent-text: var(--call-color-on-accent, #ffffff);
    --call-audio-settings-danger: var(--call-color-danger, #c62828);
    --call-audio-settings-danger-surface: var(--call-color-danger-surface, #fdecea);
    --call-audio-settings-border: var(--call-color-text-muted, #555f6d);
    --call-audio-settings-text: var(--call-color-text, #1d2430);
    --call-audio-settings-muted-text: var(--call-color-text-muted, #555f6d);
    --call-audio-settings-radius: var(--call-radius, 0.5rem);
    --call-audio-settings-gap: var(--call-space, 0.75rem);
    --call-audio-settings-font: var(--call-font, 1em/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    display: block;
    color: var(--call-audio-settings-text);
    font: var(--call-audio-settings-font);
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--call-audio-settings-gap);
  }
  .heading {
    margin: 0;
    font-size: 1.125em;
    font-weight: 600;
  }
  p {
    margin: 0;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
  }
  label {
    font-weight: 500;
  }
  select {
    font: inherit;
    min-height: 2.25em;
    padding: 0.25em 0.5em;
    border: 1px solid var(--call-audio-settings-border);
    border-radius: var(--call-audio-settings-radius);
    background: transparent;
    color: inherit;
    max-width: 100%;
  }
  .note {
    color: var(--call-audio-settings-muted-text);
    font-size: 0.875em;
  }
  .level {
    display: flex;
    align-items: center;
    gap: 0.75em;
  }
  meter {
    flex: 1;
    min-width: 6em;
    height: 1em;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  button {
    font: inherit;
    /* Transparent, not none: with forced colours the border is drawn, so the button keeps its outline. */
    border: 1px solid transparent;
    border-radius: var(--call-audio-settings-radius);
    padding: 0.4em 1em;
    min-height: 2.25em;
    cursor: pointer;
    background: var(--call-audio-settings-accent);
    color: var(--call-audio-settings-accent-text);
  }
  select:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--call-audio-settings-accent);
    outline-offset: 2px;
  }
  .error {
    padding: var(--call-audio-settings-gap);
    border: 1px solid var(--call-audio-settings-danger);
    border-radius: var(--call-audio-settings-radius);
    background: var(--call-audio-settings-danger-surface);
  }
  .check {
    display: flex;
    flex-direction: column;
    gap: 0.5em;
    padding-top: var(--call-audio-settings-gap);
    border-top: 1px solid var(--call-audio-settings-border);
  }
  .subheading {
    font-weight: 600;
  }
  .report {
    margin: 0;
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25em 1em;
  }
  .report dt {
    color: var(--call-audio-settings-muted-text);
  }
  .report dd {
    margin: 0;
  }
  .report ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  ${visuallyHidden}
`;
