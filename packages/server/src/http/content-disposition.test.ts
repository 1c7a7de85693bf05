import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './content-disposition.ts';

describe('attachmentDisposition', () => {
  it("encodes every character outside RFC 5987's attr-char, ' ( ) * included", () => {
    const name = "2023-单位(一)'乙'*说明 <x>.xlsx";
    const header = attachmentDisposition('evaluation.xlsx', name);
    const value = /filename\*=UTF-8''(.*)$/.exec(header)?.[1] ?? '';
    expect(value).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    expect(decodeURIComponent(value)).toBe(name);
    expect(header.startsWith('attachment; filename="evaluation.xlsx"; ')).toBe(true);
  });
});
