/** The families rules belong to, in the order the pane and the docs list them. No zod here: the pane's first load needs the list, not the schema. */
export const FAMILIES = ['hierarchy', 'tie', 'three-public', 'performance', 'format'] as const;
export type Family = (typeof FAMILIES)[number];
