import { css } from '../../internal/css.js';

/** `.visually-hidden`: text for screen readers only (live regions, link hints), kept out of the layout. */
export const visuallyHidden = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
