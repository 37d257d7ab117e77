/**
 * Canada's provinces and territories by their postal abbreviation: what cases.target_province holds.
 * Names are the renderer's to translate (locales `province.<code>`).
 */
export const PROVINCES = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'] as const;
export type Province = (typeof PROVINCES)[number];
