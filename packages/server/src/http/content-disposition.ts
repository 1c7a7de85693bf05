/**
 * `Content-Disposition: attachment` with a file name in any language (RFC 6266 + RFC 8187/5987).
 * encodeURIComponent alone is not enough: it leaves ' ( ) * as they are, and a ' inside the
 * ext-value ends its language part, so browsers drop the whole filename* and fall back to the
 * ASCII name.
 */
export function attachmentDisposition(asciiFallback: string, name: string): string {
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}
