/** WCAG contrast of computed colours (`rgb(…)`, `rgba(…)` or `color(srgb …)` as engines report them). */

/** The red, green and blue channels of a computed colour, 0–255. */
export function channels(color: string): [number, number, number] {
  const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)/.exec(color);
  const values = srgb ? srgb.slice(1, 4).map((value) => Number(value) * 255) : (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  if (values.length !== 3 || values.some(Number.isNaN)) throw new Error(`not a colour: ${color}`);
  return values as [number, number, number];
}

/** Relative luminance (WCAG 2). */
export function luminance(color: string): number {
  const [r, g, b] = channels(color).map((value) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The contrast ratio of two colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
