import { css } from '../../internal/css.js';

/** The `theme` attribute: `light` or `dark` forces the colours, `auto` follows the system's (`prefers-color-scheme`); without it, the page's `color-scheme`. */
export type Theme = 'light' | 'dark' | 'auto';

/**
 * The library's tokens (docs/theming.md) as private aliases with their defaults: scales of space, type and radius
 * (in `em`, so that they follow the element's font size and `size`), and colours with a light and a dark value
 * (`light-dark()`, resolved by the element's `color-scheme`: the page's, or the `theme` attribute's). The page's
 * `--call-*` tokens and each element's own properties come first wherever these are used.
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
    --_text: light-dark(#1d2430, #e6e9ef);
    --_muted: light-dark(#555f6d, #a9b1bd);
    --_surface: light-dark(#ffffff, #1b1f27);
    --_border: light-dark(#c9d1db, #3d4654);
    --_accent: light-dark(#0b6bcb, #7ab4f5);
    --_on-accent: light-dark(#ffffff, #0d1b2a);
    --_danger: light-dark(#c62828, #ff8a80);
    --_on-danger: light-dark(#ffffff, #2b0a08);
    --_warning: light-dark(#8a5a00, #f0b44c);
    --_success: light-dark(#1e7b34, #7bd88f);
    --_danger-surface: light-dark(#fdecea, #3a1a19);
    --_warning-surface: light-dark(#fff4e0, #33280f);
    --_success-surface: light-dark(#e8f5ec, #14301c);
    --_shadow: 0 4px 16px light-dark(rgb(0 0 0 / 0.18), rgb(0 0 0 / 0.6));
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='auto']) {
    color-scheme: light dark;
  }
  /* An engine without light-dark() (before 2024) keeps the light values. */
  @supports not (color: light-dark(#000, #fff)) {
    :host {
      --_text: #1d2430;
      --_muted: #555f6d;
      --_surface: #ffffff;
      --_border: #c9d1db;
      --_accent: #0b6bcb;
      --_on-accent: #ffffff;
      --_danger: #c62828;
      --_on-danger: #ffffff;
      --_warning: #8a5a00;
      --_success: #1e7b34;
      --_danger-surface: #fdecea;
      --_warning-surface: #fff4e0;
      --_success-surface: #e8f5ec;
      --_shadow: 0 4px 16px rgb(0 0 0 / 0.18);
    }
  }
`;
