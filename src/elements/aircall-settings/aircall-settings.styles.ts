import { css } from 'lit';

export const styles = css`
  :host {
    --aircall-settings-accent: var(--call-color-accent, #0b6bcb);
    --aircall-settings-accent-text: var(--call-color-on-accent, #ffffff);
    --aircall-settings-danger: var(--call-color-danger, #c62828);
    --aircall-settings-danger-surface: var(--call-color-danger-surface, #fdecea);
    --aircall-settings-surface: var(--call-color-surface, #ffffff);
    --aircall-settings-border: var(--call-color-border, #c9d1db);
    --aircall-settings-text: var(--call-color-text, #1d2430);
    --aircall-settings-muted-text: var(--call-color-text-muted, #555f6d);
    --aircall-settings-radius: var(--call-radius, 0.5rem);
    --aircall-settings-gap: var(--call-space, 0.75rem);
    --aircall-settings-font: var(--call-font, 1em/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    display: block;
    max-width: 40rem;
    color: var(--aircall-settings-text);
    font: var(--aircall-settings-font);
    line-height: 1.4;
  }
  :host([hidden]) {
    display: none;
  }
  .base,
  form {
    display: flex;
    flex-direction: column;
    gap: var(--aircall-settings-gap);
  }
  form {
    background: var(--aircall-settings-surface);
  }
  p {
    margin: 0;
  }
  .status:empty,
  .alert:empty {
    display: none;
  }
  fieldset {
    margin: 0;
    padding: var(--aircall-settings-gap);
    border: 1px solid var(--aircall-settings-border);
    border-radius: var(--aircall-settings-radius);
    display: flex;
    flex-direction: column;
    gap: calc(var(--aircall-settings-gap) * 0.75);
  }
  legend {
    font-weight: 600;
    padding-inline: 0.25em;
  }
  .field {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.25em;
  }
  label,
  .label {
    font-weight: 500;
  }
  .required {
    font-weight: normal;
    color: var(--aircall-settings-muted-text);
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5em;
  }
  .check label {
    font-weight: normal;
  }
  .options {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1.25em;
  }
  input[type='text'],
  input[type='password'] {
    font: inherit;
    color: inherit;
    background: var(--aircall-settings-surface);
    width: 100%;
    box-sizing: border-box;
    padding: 0.45em 0.6em;
    border: 1px solid var(--aircall-settings-border);
    border-radius: calc(var(--aircall-settings-radius) / 2);
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.1em;
    height: 1.1em;
    margin: 0;
    accent-color: var(--aircall-settings-accent);
  }
  input[aria-invalid='true'] {
    border-color: var(--aircall-settings-danger);
    box-shadow: inset 0 0 0 1px var(--aircall-settings-danger);
  }
  input:focus-visible,
  button:focus-visible,
  summary:focus-visible {
    outline: 3px solid var(--aircall-settings-accent);
    outline-offset: 2px;
  }
  .help,
  .version-info,
  .muted {
    color: var(--aircall-settings-muted-text);
    font-size: 0.875em;
  }
  .field-error {
    color: var(--aircall-settings-danger);
    font-size: 0.875em;
    font-weight: 500;
  }
  .key-status {
    font-family: ui-monospace, monospace;
  }
  .notice {
    padding: 0.6em 0.8em;
    border-radius: calc(var(--aircall-settings-radius) / 2);
    border-inline-start: 4px solid var(--aircall-settings-accent);
    background: rgb(0 0 0 / 0.04);
  }
  .notice.warning {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.5em;
  }
  .alert,
  .error-summary {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.5em;
    padding: 0.6em 0.8em;
    border-radius: calc(var(--aircall-settings-radius) / 2);
    border-inline-start: 4px solid var(--aircall-settings-danger);
    background: var(--aircall-settings-danger-surface);
  }
  .error-summary .title {
    font-weight: 600;
  }
  .error-summary ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  .actions,
  .backup {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .backup .help,
  .backup .error-summary {
    flex-basis: 100%;
  }
  button {
    font: inherit;
    border-radius: var(--aircall-settings-radius);
    padding: 0.45em 1em;
    cursor: pointer;
  }
  button.primary {
    border: 1px solid var(--aircall-settings-accent);
    background: var(--aircall-settings-accent);
    color: var(--aircall-settings-accent-text);
    font-weight: 600;
  }
  button.secondary {
    border: 1px solid var(--aircall-settings-border);
    background: var(--aircall-settings-surface);
    color: inherit;
  }
  button.link {
    border: none;
    background: none;
    padding: 0;
    color: inherit;
    text-decoration: underline;
    text-align: start;
  }
  button[disabled],
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.55;
  }
  .dirty {
    font-size: 0.875em;
    font-weight: 600;
  }
  .dirty::before {
    content: '● ';
    color: var(--aircall-settings-accent);
  }
  .history summary {
    cursor: pointer;
    font-weight: 600;
  }
  table {
    margin-block-start: 0.5em;
    border-collapse: collapse;
    width: 100%;
    font-size: 0.875em;
  }
  th,
  td {
    text-align: start;
    padding: 0.35em 0.5em;
    border-block-end: 1px solid var(--aircall-settings-border);
  }
  thead th {
    font-weight: 600;
  }
  tbody th {
    font-weight: normal;
  }
  @media (forced-colors: active) {
    .dirty::before {
      color: CanvasText;
    }
  }
`;
