/**
 * A refusal from the server shown where it belongs: when its `path` names a field of the
 * form (`username`, `unitId` …), the message goes under that field; otherwise the caller
 * shows it as a message.
 */
import type { FormInstance } from 'antd';
import { isApiError } from '../../api/client.ts';

export function applyServerError<T>(
  form: FormInstance<T>,
  error: unknown,
  fields: Record<string, keyof T & string>,
): boolean {
  if (!isApiError(error) || !error.path) return false;
  const field = fields[error.path];
  if (!field) return false;
  form.setFields([{ name: field as never, errors: [error.message] }]);
  return true;
}
