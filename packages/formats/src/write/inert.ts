/**
 * Formula injection (CWE-1236): a spreadsheet evaluates a cell that begins with = + - @ (and,
 * in some programs, a tab or carriage return before one of them). Text a unit typed — or an
 * uploaded form carried — must open as text, never as a formula.
 */

const DANGEROUS_START = /^[=+\-@\t\r]/;
/** A plain signed number ("-5", "+3.5%") is data, not a formula: Excel reads it as the number. */
const SIGNED_NUMBER = /^[+-]?(\d+(\.\d+)?|\.\d+)%?$/;

/** Whether a spreadsheet program could take this text for a formula. */
export function isFormulaLike(text: string): boolean {
  return DANGEROUS_START.test(text) && !SIGNED_NUMBER.test(text);
}

/**
 * The text a CSV cell carries: formula-like text gets a leading apostrophe, which Excel and
 * LibreOffice show as text (OWASP's advice for CSV).
 */
export function inertCsvText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}
