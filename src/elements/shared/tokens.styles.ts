import { css } from 'lit';

/**
 * The library's scales of space, type and radius, as private aliases of the page's `--call-*` tokens with
 * their defaults (docs/theming.md). In `em`, so that they follow the element's font size (and `size`).
 */
export const tokens = css`
  :host {
    --_space-1: var(--call-space-1, 0.25em);
    --_space-2: var(--call-space-2, 0.5em);
    --_space-3: var(--call-space-3, 0.75em);
    --_space-4: var(--call-space-4, 1em);
    --_font-size-sm: var(--call-font-size-sm, 0.875em);
    --_font-size-lg: var(--call-font-size-lg, 1.125em);
    --_radius-sm: var(--call-radius-sm, 0.25em);
    --_radius-md: var(--call-radius-md, 0.5em);
    --_radius-lg: var(--call-radius-lg, 0.75em);
  }
`;
