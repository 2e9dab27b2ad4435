import { css } from '../../internal/css.js';

/** The toasts' styles, added with their view after the element's own (the design tokens). */
export const styles = css`
  :host {
    --call-notification-info-bg: var(--call-color-surface, var(--_surface));
    --call-notification-success-bg: var(--call-color-success-surface, var(--_success-surface));
    --call-notification-warning-bg: var(--call-color-warning-surface, var(--_warning-surface));
    --call-notification-error-bg: var(--call-color-danger-surface, var(--_danger-surface));
    --call-notification-info-accent: var(--call-color-accent, var(--_accent));
    --call-notification-success-accent: var(--call-color-success, var(--_success));
    --call-notification-warning-accent: var(--call-color-warning, var(--_warning));
    --call-notification-error-accent: var(--call-color-danger, var(--_danger));
    --call-notification-text: var(--call-color-text, var(--_text));
    --call-notification-radius: var(--call-radius, 0.5rem);
    --call-notification-gap: var(--call-space, 0.5rem);
    --call-notification-shadow: var(--call-shadow, var(--_shadow));
    --call-notification-max-width: 24rem;
    --call-notification-offset: 1rem;
    --call-notification-z-index: 1000;
    --call-notification-font: var(--call-font, 1em/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    position: fixed;
    inset-block-end: var(--call-notification-offset);
    inset-inline-end: var(--call-notification-offset);
    z-index: var(--call-notification-z-index);
    display: flex;
    flex-direction: column;
    width: min(var(--call-notification-max-width), calc(100vw - 2 * var(--call-notification-offset)));
    margin: 0;
    /* The stack spans a corner of the page: only the toasts themselves take clicks. */
    pointer-events: none;
    color: var(--call-notification-text);
    font: var(--call-notification-font);
  }
  .stack {
    display: flex;
    flex-direction: column;
  }
  .toast {
    pointer-events: auto;
    /* Margins rather than flex gap, so that an empty live region adds no space. */
    margin-block-start: var(--call-notification-gap);
    display: flex;
    align-items: flex-start;
    gap: var(--call-notification-gap);
    padding: 0.75em 0.75em 0.75em 1em;
    border-radius: var(--call-notification-radius);
    /* The transparent border shows with forced colours (Windows High Contrast), so a toast stays apart from the page. */
    border: 1px solid transparent;
    border-inline-start: 4px solid var(--accent);
    box-shadow: var(--call-notification-shadow);
    background: var(--bg);
    line-height: 1.4;
    animation: enter 160ms ease-out;
  }
  .info {
    --bg: var(--call-notification-info-bg);
    --accent: var(--call-notification-info-accent);
  }
  .success {
    --bg: var(--call-notification-success-bg);
    --accent: var(--call-notification-success-accent);
  }
  .warning {
    --bg: var(--call-notification-warning-bg);
    --accent: var(--call-notification-warning-accent);
  }
  .error {
    --bg: var(--call-notification-error-bg);
    --accent: var(--call-notification-error-accent);
  }
  .icon {
    flex: none;
    width: 1.25em;
    height: 1.25em;
    /* Centred on the first line of text and on the 1.75em buttons. */
    margin-block-start: 0.25em;
    fill: var(--accent);
  }
  .message {
    flex: 1 1 auto;
    min-width: 0;
    overflow-wrap: anywhere;
    margin-block: 0.175em;
  }
  .actions {
    flex: none;
    display: flex;
    align-items: center;
    gap: 0.25em;
  }
  button {
    font: inherit;
    color: inherit;
    background: transparent;
    border: none;
    border-radius: calc(var(--call-notification-radius) / 2);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 3px solid var(--accent);
    outline-offset: 1px;
  }
  .action {
    font-weight: 600;
    padding: 0.15em 0.5em;
    box-shadow: inset 0 0 0 1px currentColor;
  }
  .dismiss {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 1.75em;
    height: 1.75em;
    padding: 0;
  }
  .dismiss:hover,
  .action:hover {
    background: color-mix(in srgb, currentColor 10%, transparent);
  }
  .dismiss svg {
    width: 1em;
    height: 1em;
    fill: currentColor;
  }
  @keyframes enter {
    from {
      opacity: 0;
      transform: translateY(0.5rem);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .toast {
      animation: none;
    }
  }
`;
