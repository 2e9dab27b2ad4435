import { css } from '../../internal/css.js';

/**
 * The styles of what `<call-button>` and `<call-controls>` show only during a call or with an opt-in
 * attribute (secondary actions, dial pad, timer, quality, failure, dialler): downloaded with those
 * parts and added to each element's own (call-button.styles.ts), after them.
 */
export const partsStyles = css`
  .failure {
    color: var(--call-button-danger);
  }
  .secondary,
  .key {
    border-color: currentColor;
  }
  .secondary[aria-pressed='true'] {
    --_bg: var(--call-button-text);
    --_fg: var(--call-button-surface);
  }
  /* The dial pad: a popover over the page, under its toggle where CSS anchors exist (else centred). */
  [aria-controls='keypad'] {
    anchor-name: --keypad;
  }
  .keypad {
    display: grid;
    grid-template-columns: repeat(3, 3em);
    gap: var(--_space-1);
    padding: var(--_space-2);
    border: 1px solid var(--call-button-muted-text);
    border-radius: var(--call-button-radius);
    background: var(--call-button-surface);
    color: var(--call-button-text);
    box-shadow: var(--call-shadow, var(--_shadow));
  }
  @supports (anchor-name: --a) {
    .keypad {
      position-anchor: --keypad;
      inset: auto;
      top: anchor(bottom);
      right: anchor(right);
      margin: 4px 0 0;
      position-try-fallbacks: flip-block, flip-inline;
    }
  }
  /* The dialler's number, in the contact slot: no higher than a control, so that the rows keep their height. */
  .dialler {
    font: inherit;
    color: inherit;
    background: var(--call-button-surface);
    box-sizing: border-box;
    inline-size: 100%;
    block-size: var(--_control);
    padding: 0 0.6em;
    border: 1px solid var(--call-button-muted-text);
    border-radius: var(--call-button-radius);
  }
  .dialler:focus-visible {
    outline: 3px solid var(--call-button-accent);
    outline-offset: 2px;
  }
  .dialler[aria-invalid='true'] {
    border-color: var(--call-button-danger);
  }
  .keypad-display {
    grid-column: 1 / 3;
    align-self: center;
    min-block-size: 1.4em;
    text-align: center;
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.1em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .key {
    padding: 0;
    font-variant-numeric: tabular-nums;
  }
  .close {
    border-color: transparent;
  }
  .quality {
    color: var(--call-button-warning);
    font-weight: 600;
  }
  .timer {
    font-variant-numeric: tabular-nums;
  }
  @media (forced-colors: active) {
    .secondary[aria-pressed='true'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
      border-color: Highlight;
    }
  }
`;
