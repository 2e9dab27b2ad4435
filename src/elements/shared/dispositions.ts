import type { ComplexAttributeConverter } from 'lit';

/** One outcome the agent can pick at wrap-up: its value goes into the record, its label is shown. */
export interface Disposition {
  value: string;
  label?: string;
}

/** The `dispositions` attribute: a JSON array (`'[{"value":"interested","label":"Interested"}]'`) or a comma-separated list. */
export const dispositionsConverter: ComplexAttributeConverter<Array<string | Disposition>> = {
  fromAttribute(value) {
    const text = value?.trim() ?? '';
    if (!text) return [];
    if (text.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) return parsed as Array<string | Disposition>;
      } catch {
        // Not JSON after all: taken as a comma list below, whose odd items are then refused by name.
      }
    }
    return text.split(',');
  },
};
