import { css } from '../../internal/css.js';
import { tokens } from '../shared/tokens.styles.js';
import { visuallyHidden } from '../shared/visually-hidden.styles.js';

export const styles = [
  tokens,
  visuallyHidden,
  css`
    :host {
      --call-button-accent: var(--call-color-accent, var(--_accent));
      --call-button-accent-text: var(--call-color-on-accent, var(--_on-accent));
      --call-button-danger: var(--call-color-danger, var(--_danger));
      --call-button-danger-text: var(--call-color-on-danger, var(--_on-danger));
      --call-button-text: var(--call-color-text, var(--_text));
      --call-button-muted-text: var(--call-color-text-muted, var(--_muted));
      --call-button-radius: var(--call-radius, var(--_radius-md));
      --call-button-gap: var(--call-space, var(--_space-2));
      --call-button-font: var(--call-font, 1em/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
      --call-button-warning: var(--call-color-warning, var(--_warning));
      --call-button-surface: var(--call-color-surface, var(--_surface));
      --call-button-width: 22em;
      /* The height of a control, and of each of the two rows. */
      --_control: 2.5em;
      display: inline-block;
      vertical-align: middle;
      box-sizing: border-box;
      inline-size: min(100%, var(--call-button-width));
      color: var(--call-button-text);
      font: var(--call-button-font);
    }
    :host([size='small']) {
      font-size: var(--_font-size-sm);
    }
    :host([size='large']) {
      font-size: var(--_font-size-lg);
    }
    :host([hidden]),
    :host([unavailable]:not([state='connecting']):not([state='ringing']):not([state='incoming']):not([state='connected']):not([state='reconnecting'])) {
      display: none;
    }
    /* Two rows of fixed slots: who and the primary action; the status line and the secondary actions. */
    .base {
      display: grid;
      grid-template: 'contact primary' minmax(var(--_control), auto) 'line actions' minmax(var(--_control), auto) / minmax(0, 1fr) auto;
      align-items: center;
      gap: var(--call-button-gap);
      /* Its own surface, so that its colours hold on any page, light or dark. */
      padding: var(--_space-2) var(--_space-3);
      /* Transparent: drawn with forced colours, where it sets the element apart from the page. */
      border: 1px solid transparent;
      border-radius: var(--_radius-lg);
      background: var(--call-button-surface);
    }
    .contact {
      grid-area: contact;
      display: flex;
      flex-direction: column;
      min-inline-size: 0;
      line-height: 1.2;
    }
    .name,
    .number {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .name {
      font-weight: 600;
    }
    .number,
    .line {
      color: var(--call-button-muted-text);
      font-size: var(--_font-size-sm);
    }
    /* At the end of its column, as wide as its widest label: the secondary actions below may be wider. */
    .primary {
      grid-area: primary;
      justify-self: end;
      display: grid;
      max-inline-size: 14em;
    }
    .primary > *,
    .sizer > * {
      grid-area: 1 / 1;
    }
    /* As wide as the widest primary label (icon, gap, padding and border included), and no higher than nothing. */
    .sizer {
      display: grid;
      visibility: hidden;
      block-size: 0;
      overflow: hidden;
      padding-inline: calc(2.4em + 1px) calc(1em + 1px);
      white-space: nowrap;
    }
    .actions {
      grid-area: actions;
      display: flex;
      gap: var(--_space-1);
      justify-content: flex-end;
    }
    /* Text that flows (not flex items): a long reason takes two lines, not one line each. */
    .line {
      grid-area: line;
      line-height: 1.25;
    }
    .line > * {
      margin-inline-end: var(--_space-2);
    }
    /* Nothing follows the last one: its margin would only push it onto a line of its own. */
    .line > :last-child {
      margin-inline-end: 0;
    }
    .wide {
      grid-column: 1 / -1;
    }
    button {
      --_bg: transparent;
      --_fg: var(--call-button-text);
      font: inherit;
      color: var(--_fg);
      background: var(--_bg);
      /* Transparent, not none: with forced colours (Windows High Contrast) the border is drawn, so every button keeps its outline. */
      border: 1px solid transparent;
      border-radius: var(--call-button-radius);
      box-sizing: border-box;
      min-block-size: var(--_control);
      padding: 0 1em;
      cursor: pointer;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 0.4em;
      white-space: nowrap;
    }
    .label {
      overflow: hidden;
      text-overflow: ellipsis;
    }
    button:hover {
      background: color-mix(in srgb, var(--_bg) 85%, var(--_fg));
    }
    button:active {
      background: color-mix(in srgb, var(--_bg) 72%, var(--_fg));
    }
    button:focus-visible {
      outline: 3px solid var(--call-button-accent);
      outline-offset: 2px;
    }
    button[disabled] {
      cursor: not-allowed;
      opacity: 0.55;
      background: var(--_bg);
    }
    .call {
      --_bg: var(--call-button-accent);
      --_fg: var(--call-button-accent-text);
    }
    .hangup {
      --_bg: var(--call-button-danger);
      --_fg: var(--call-button-danger-text);
    }
    svg {
      flex: none;
      width: 1em;
      height: 1em;
      fill: currentColor;
    }
    @media (forced-colors: active) {
      /* The system colours replace ours; keep what the colours alone said. */
      button[disabled] {
        color: GrayText;
        border-color: GrayText;
        opacity: 1;
      }
    }
  `,
];
