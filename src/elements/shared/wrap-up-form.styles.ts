import { css } from '../../internal/css.js';

/** The wrap-up form's styles, downloaded with its template and added after the element's own. */
export const wrapUpStyles = css`
  .wrap-up :is(select, textarea):focus-visible {
    outline: 3px solid var(--call-button-accent);
    outline-offset: 2px;
  }
  /* The wrap-up: a popover under the element (centred where CSS anchors are missing), pushing nothing down. */
  .base {
    anchor-name: --call-base;
  }
  .wrap-up {
    display: grid;
    gap: var(--_space-2);
    box-sizing: border-box;
    inline-size: min(100vw - 16px, var(--call-button-width));
    padding: var(--_space-3);
    border: 1px solid var(--call-button-muted-text);
    border-radius: var(--call-button-radius);
    background: var(--call-button-surface);
    color: var(--call-button-text);
    font: var(--call-button-font);
    box-shadow: var(--call-shadow, var(--_shadow));
  }
  .wrap-up:not(:popover-open) {
    margin-block-start: var(--_space-1);
  }
  @supports (anchor-name: --a) {
    .wrap-up {
      position-anchor: --call-base;
      inset: auto;
      top: anchor(bottom);
      left: anchor(left);
      margin: 4px 0 0;
      position-try-fallbacks: flip-block, flip-inline;
    }
  }
  .wrap-up .field {
    display: grid;
    gap: var(--_space-1);
  }
  .wrap-up :is(select, textarea) {
    font: inherit;
    color: inherit;
    background: var(--call-button-surface);
    border: 1px solid var(--call-button-muted-text);
    border-radius: var(--call-button-radius);
    padding: 0.4em 0.5em;
  }
  .wrap-up select {
    min-block-size: var(--_control);
  }
  .wrap-up textarea {
    resize: vertical;
  }
  .wrap-up p {
    margin: 0;
  }
  .rating {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-1);
  }
  .rating legend {
    padding: 0;
    margin-block-end: var(--_space-1);
  }
  .scores {
    display: flex;
    gap: var(--_space-1);
  }
  .score {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    min-block-size: 24px;
    cursor: pointer;
  }
  .score input {
    inline-size: 1.1em;
    block-size: 1.1em;
    margin: 0;
    accent-color: var(--call-button-accent, currentColor);
  }
  .wrap-up-actions {
    display: flex;
    gap: var(--_space-1);
    justify-content: flex-end;
  }
`;
