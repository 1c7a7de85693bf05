export type { DeadlineDate } from './parseValue.ts';
export { parseDeadline, parseValue } from './parseValue.ts';
export { foldText } from './text.ts';
export { comparable, normalize } from './units.ts';
