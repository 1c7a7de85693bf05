export type { DeadlineDate } from './parseValue.ts';
export { parseDeadline, parseValue } from './parseValue.ts';
export { foldText, isHanCode } from './text.ts';
export { comparable, normalize } from './units.ts';
