import { css } from 'lit';

export const styles = css`
  :host {
    --call-aircall-workspace-bg: var(--call-color-surface, #ffffff);
    --call-aircall-workspace-text: var(--call-color-text, #1d2430);
    --call-aircall-workspace-muted-text: var(--call-color-text-muted, #555f6d);
    --call-aircall-workspace-radius: var(--call-radius, 0.5rem);
    --call-aircall-workspace-shadow: var(--call-shadow, 0 8px 32px rgb(0 0 0 / 0.25));
    --call-aircall-workspace-backdrop: rgb(0 0 0 / 0.4);
    --call-aircall-workspace-font: var(--call-font, 1em/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    --call-aircall-workspace-focus: var(--call-color-accent, #0b6bcb);
    /* The "medium" size is the one Aircall recommends for its workspace (376 × 666). */
    --_width: 376px;
    --_height: 666px;
    display: contents;
  }
  :host([size='small']) {
    --_width: 376px;
    --_height: 600px;
  }
  :host([size='big']) {
    --_width: 480px;
    --_height: 800px;
  }
  dialog {
    padding: 0;
    border: none;
    border-radius: var(--call-aircall-workspace-radius);
    box-shadow: var(--call-aircall-workspace-shadow);
    background: var(--call-aircall-workspace-bg);
    color: var(--call-aircall-workspace-text);
    font: var(--call-aircall-workspace-font);
    max-width: calc(100vw - 2rem);
    max-height: calc(100vh - 2rem);
    overflow: hidden;
  }
  dialog::backdrop {
    background: var(--call-aircall-workspace-backdrop);
  }
  .header {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.5rem 0.5rem 1rem;
  }
  .title {
    flex: 1;
    margin: 0;
    font-size: 1rem;
    font-weight: 600;
  }
  .close {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    inline-size: 2.25rem;
    block-size: 2.25rem;
    padding: 0;
    border: none;
    border-radius: var(--call-aircall-workspace-radius);
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  .close:hover {
    background: rgb(0 0 0 / 0.06);
  }
  .close:focus-visible {
    outline: 2px solid var(--call-aircall-workspace-focus);
    outline-offset: 2px;
  }
  .close svg {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    fill: currentColor;
  }
  .status {
    margin: 0;
    padding: 0 1rem;
    color: var(--call-aircall-workspace-muted-text);
    font-size: 0.875rem;
  }
  .status.shown {
    padding-block-end: 0.5rem;
  }
  .body {
    width: var(--call-aircall-workspace-width, var(--_width));
    height: var(--call-aircall-workspace-height, var(--_height));
    max-width: 100%;
    max-height: calc(100vh - 6rem);
  }
  iframe {
    display: block;
    width: 100%;
    height: 100%;
    border: 0;
  }
  @media (forced-colors: active) {
    dialog {
      border: 1px solid CanvasText;
    }
  }
`;
