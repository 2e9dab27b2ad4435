import { css } from 'lit';
import { tokens } from '../shared/tokens.styles.js';
import { visuallyHidden } from '../shared/visually-hidden.styles.js';

export const styles = [
  tokens,
  css`
  :host {
    --aircall-settings-accent: var(--call-color-accent, var(--_accent));
    --aircall-settings-accent-text: var(--call-color-on-accent, var(--_on-accent));
    --aircall-settings-danger: var(--call-color-danger, var(--_danger));
    --aircall-settings-danger-surface: var(--call-color-danger-surface, var(--_danger-surface));
    --aircall-settings-surface: var(--call-color-surface, var(--_surface));
    --aircall-settings-border: var(--call-color-border, var(--_border));
    /* Muted text has 4.5:1 against the surface, so these boundaries keep at least the 3:1 that controls need. */
    --aircall-settings-control-border: var(--call-color-text-muted, var(--_muted));
    --aircall-settings-text: var(--call-color-text, var(--_text));
    --aircall-settings-muted-text: var(--call-color-text-muted, var(--_muted));
    --aircall-settings-radius: var(--call-radius, 0.5rem);
    --aircall-settings-gap: var(--call-space, 0.75rem);
    --aircall-settings-font: var(--call-font, 1em/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    /* One spacing scale, from the gap: inside a field, between controls, between fields, between blocks. */
    --_space-xs: calc(var(--aircall-settings-gap) / 3);
    --_space-s: calc(var(--aircall-settings-gap) * 2 / 3);
    --_space-m: var(--aircall-settings-gap);
    --_space-l: calc(var(--aircall-settings-gap) * 4 / 3);
    /* Checkboxes, radios and the switch's height: a 24 × 24 px target at least (WCAG 2.5.8), whatever the font size. */
    --_control: max(24px, 1.5em);
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
  form,
  .read-only {
    display: flex;
    flex-direction: column;
    gap: var(--_space-l);
  }
  /* All of it on its surface (export, import and history too), so that its colours hold on any page, light or dark. */
  .base {
    background: var(--aircall-settings-surface);
  }
  form,
  .read-only {
    background: var(--aircall-settings-surface);
  }
  p {
    margin: 0;
  }
  ${visuallyHidden}
  fieldset {
    margin: 0;
    padding: var(--_space-m) var(--_space-l) var(--_space-l);
    border: 1px solid var(--aircall-settings-border);
    border-radius: var(--aircall-settings-radius);
    display: flex;
    flex-direction: column;
    gap: var(--_space-l);
  }
  legend,
  .legend {
    font-weight: 600;
  }
  legend {
    padding-inline: var(--_space-xs);
  }
  /* A group's help sits under its legend, closer to it than to the controls. */
  fieldset > .help {
    margin-block-end: calc(var(--_space-s) - var(--_space-l));
  }
  .field {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_space-xs);
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
    gap: var(--_space-s);
    min-height: var(--_control);
  }
  .check label {
    font-weight: normal;
    cursor: pointer;
  }
  /* Help under a checkbox or switch starts where its label does. */
  .check-help {
    padding-inline-start: calc(var(--_control) * 1.75 + var(--_space-s));
  }
  .options {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s) var(--_space-l);
  }

  /* Text inputs */
  input[type='text'],
  input[type='password'] {
    font: inherit;
    color: inherit;
    background: var(--aircall-settings-surface);
    width: 100%;
    box-sizing: border-box;
    min-height: 2.5em;
    padding: 0.45em 0.6em;
    border: 1px solid var(--aircall-settings-control-border);
    border-radius: calc(var(--aircall-settings-radius) / 2);
  }
  input[type='text']:hover,
  input[type='password']:hover {
    border-color: var(--aircall-settings-text);
  }
  input[aria-invalid='true'] {
    border-color: var(--aircall-settings-danger);
    box-shadow: inset 0 0 0 1px var(--aircall-settings-danger);
  }

  /* Checkboxes, radios and the switch: drawn here, native underneath (keyboard, forms, screen readers). */
  input[type='checkbox'],
  input[type='radio'] {
    appearance: none;
    -webkit-appearance: none;
    flex: none;
    box-sizing: border-box;
    width: var(--_control);
    height: var(--_control);
    margin: 0;
    display: inline-grid;
    place-content: center;
    border: 2px solid var(--aircall-settings-control-border);
    background: var(--aircall-settings-surface);
    color: var(--aircall-settings-accent-text);
    cursor: pointer;
  }
  input[type='checkbox'] {
    border-radius: 4px;
  }
  input[type='checkbox']:not(.switch)::before {
    content: '';
    box-sizing: border-box;
    width: calc(var(--_control) * 0.3);
    height: calc(var(--_control) * 0.55);
    border: solid currentColor;
    border-width: 0 3px 3px 0;
    transform: translateY(-12%) rotate(45deg);
    visibility: hidden;
  }
  input[type='checkbox']:checked {
    background: var(--aircall-settings-accent);
    border-color: var(--aircall-settings-accent);
  }
  input[type='checkbox']:not(.switch):checked::before {
    visibility: visible;
  }
  input[type='radio'] {
    border-radius: 50%;
  }
  input[type='radio']::before {
    content: '';
    width: calc(var(--_control) * 0.45);
    height: calc(var(--_control) * 0.45);
    border-radius: 50%;
    background: var(--aircall-settings-accent);
    transform: scale(0);
  }
  input[type='radio']:checked {
    border-color: var(--aircall-settings-accent);
  }
  input[type='radio']:checked::before {
    transform: scale(1);
  }
  input.switch {
    width: calc(var(--_control) * 1.75);
    border-radius: 999px;
    padding: 2px;
    place-content: center start;
  }
  input.switch::before {
    content: '';
    width: calc(var(--_control) - 8px);
    height: calc(var(--_control) - 8px);
    border-radius: 50%;
    background: var(--aircall-settings-control-border);
    transition: transform 0.15s ease-out;
  }
  input.switch:checked::before {
    background: var(--aircall-settings-accent-text);
    transform: translateX(calc(var(--_control) * 0.75));
  }
  input[type='checkbox']:hover,
  input[type='radio']:hover {
    border-color: var(--aircall-settings-text);
    box-shadow: 0 0 0 4px color-mix(in srgb, var(--aircall-settings-accent) 15%, transparent);
  }
  input[type='checkbox']:checked:hover,
  input[type='radio']:checked:hover {
    border-color: var(--aircall-settings-accent);
  }
  input:disabled,
  input:disabled:hover {
    cursor: not-allowed;
    opacity: 0.55;
    box-shadow: none;
  }
  input:disabled + label {
    cursor: not-allowed;
    color: var(--aircall-settings-muted-text);
  }
  @media (prefers-reduced-motion: reduce) {
    input.switch::before {
      transition: none;
    }
  }

  input:focus-visible,
  button:focus-visible,
  summary:focus-visible,
  .read-only:focus-visible,
  .error-summary:focus-visible {
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
  .key-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s) var(--_space-m);
  }
  .key-status {
    font-family: ui-monospace, monospace;
  }

  /* Boxes: the transparent border is drawn with forced colours, so each box keeps its outline there. */
  .notice,
  .alert,
  .error-summary {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_space-s);
    padding: var(--_space-s) var(--_space-m);
    border: 1px solid transparent;
    border-inline-start: 4px solid var(--aircall-settings-accent);
    border-radius: calc(var(--aircall-settings-radius) / 2);
  }
  .notice {
    background: color-mix(in srgb, var(--aircall-settings-text) 4%, var(--aircall-settings-surface));
  }
  .alert,
  .error-summary {
    border-inline-start-color: var(--aircall-settings-danger);
    background: var(--aircall-settings-danger-surface);
  }
  .notice .title,
  .error-summary .title {
    font-weight: 600;
  }
  .error-summary ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  .error-summary li + li {
    margin-block-start: var(--_space-xs);
  }

  /* The read-only view */
  .read-only {
    padding: var(--_space-m) var(--_space-l) var(--_space-l);
    border: 1px solid var(--aircall-settings-border);
    border-radius: var(--aircall-settings-radius);
  }
  .view-group {
    display: flex;
    flex-direction: column;
    gap: var(--_space-s);
  }
  dl {
    margin: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_space-xs);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space-l);
  }
  dt {
    flex: 0 0 14em;
    color: var(--aircall-settings-muted-text);
  }
  dd {
    flex: 1 1 10em;
    margin: 0;
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  dd.off {
    font-weight: normal;
  }

  .actions,
  .buttons {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s);
  }
  .backup {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_space-s);
  }
  .status:not(.visually-hidden) {
    margin-block-start: calc(var(--_space-s) - var(--_space-l));
    font-weight: 500;
  }
  button {
    font: inherit;
    border-radius: var(--aircall-settings-radius);
    min-height: 2.5em;
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
    border: 1px solid var(--aircall-settings-control-border);
    background: var(--aircall-settings-surface);
    color: inherit;
  }
  button.secondary:not([disabled]):hover {
    border-color: var(--aircall-settings-text);
    background: color-mix(in srgb, var(--aircall-settings-text) 6%, var(--aircall-settings-surface));
  }
  button.link {
    border: none;
    background: none;
    min-height: 0;
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
    margin-block-start: var(--_space-s);
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
    /* The controls are drawn by this sheet, so it gives them the system's colours itself. */
    input[type='checkbox'],
    input[type='radio'] {
      forced-color-adjust: none;
      background: Canvas;
      border-color: CanvasText;
      color: HighlightText;
    }
    input[type='checkbox']:hover,
    input[type='radio']:hover {
      border-color: Highlight;
      box-shadow: none;
    }
    input[type='checkbox']:checked {
      background: Highlight;
      border-color: Highlight;
    }
    input[type='radio']:checked {
      border-color: Highlight;
    }
    input[type='radio']::before {
      background: Highlight;
    }
    input.switch::before {
      background: CanvasText;
    }
    input.switch:checked::before {
      background: HighlightText;
    }
    input:focus-visible {
      outline-color: Highlight;
    }
    input:disabled,
    input:disabled:hover {
      opacity: 1;
      border-color: GrayText;
      background: Canvas;
    }
    input[type='checkbox']:disabled:checked {
      background: GrayText;
    }
    input:disabled + label {
      color: GrayText;
    }
    input[type='radio']:disabled::before,
    input.switch:disabled::before {
      background: GrayText;
    }
    input[type='checkbox']:not(.switch):disabled::before {
      border-color: Canvas;
    }
    input[aria-invalid='true'] {
      border-width: 3px;
    }
    button[disabled],
    button[aria-disabled='true'] {
      color: GrayText;
      border-color: GrayText;
      opacity: 1;
    }
    button.link {
      color: LinkText;
    }
    .dirty::before {
      color: CanvasText;
    }
  }
`,
];
