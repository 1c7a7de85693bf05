/**
 * Text → GBK bytes. Node decodes GB18030 but has no encoder; tests and fixtures need GBK files
 * made the way old Chinese systems write them, and a CSV export for Excel users may too. The
 * table is built once by decoding every two-byte GBK code.
 */

let table: Map<number, number> | null = null;

function gbkTable(): Map<number, number> {
  if (table) return table;
  const map = new Map<number, number>();
  const decoder = new TextDecoder('gbk');
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const s = decoder.decode(pair);
      const code = s.length === 1 ? s.charCodeAt(0) : -1;
      if (code >= 0x80 && code !== 0xfffd && !map.has(code)) map.set(code, (lead << 8) | trail);
    }
  }
  table = map;
  return map;
}

/** Encodes text as GBK; throws on a character GBK cannot represent. */
export function encodeGbk(text: string): Uint8Array {
  const map = gbkTable();
  const out = new Uint8Array(text.length * 2);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    const code = map.get(c);
    if (code === undefined)
      throw new Error(`GBK 无法表示字符“${text[i]}”（U+${c.toString(16).toUpperCase()}）`);
    out[n++] = code >> 8;
    out[n++] = code & 0xff;
  }
  return out.slice(0, n);
}
