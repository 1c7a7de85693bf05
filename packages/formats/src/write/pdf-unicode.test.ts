import { describe, expect, it } from 'vitest';
import { fixCmap, glyphSharing, readCmap } from './pdf-unicode.ts';

/** A font with only a cmap table: format 12 groups [start, end, glyph], optionally inside a collection. */
function font(groups: [number, number, number][], collection = false): Uint8Array {
  const sub = new DataView(new ArrayBuffer(16 + 12 * groups.length));
  sub.setUint16(0, 12);
  sub.setUint32(4, 16 + 12 * groups.length);
  sub.setUint32(12, groups.length);
  groups.forEach(([s, e, g], i) => {
    sub.setUint32(16 + 12 * i, s);
    sub.setUint32(20 + 12 * i, e);
    sub.setUint32(24 + 12 * i, g);
  });
  const cmap = new Uint8Array(12 + sub.byteLength);
  const cv = new DataView(cmap.buffer);
  cv.setUint16(2, 1);
  cv.setUint16(4, 3);
  cv.setUint16(6, 10);
  cv.setUint32(8, 12);
  cmap.set(new Uint8Array(sub.buffer), 12);
  const head = collection ? 16 : 0;
  const out = new Uint8Array(head + 12 + 16 + cmap.length);
  const v = new DataView(out.buffer);
  if (collection) {
    out.set([0x74, 0x74, 0x63, 0x66]); // ttcf
    v.setUint32(8, 1);
    v.setUint32(12, head);
  }
  v.setUint32(head, 0x00010000);
  v.setUint16(head + 4, 1);
  out.set([0x63, 0x6d, 0x61, 0x70], head + 12); // cmap
  v.setUint32(head + 12 + 8, head + 28);
  v.setUint32(head + 12 + 12, cmap.length);
  out.set(cmap, head + 28);
  return out;
}

const CMAP = (entries: string) =>
  `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n${entries}endcmap\nend\nend`;

describe('PDF text layer repair', () => {
  it('reads which code points share a glyph from a font cmap, in a collection too', () => {
    // ⻓ U+2ED3 and 长 U+957F drawn with glyph 7; 天 U+5929 and 市 U+5E02 with their own
    const groups: [number, number, number][] = [
      [0x2ed3, 0x2ed3, 7],
      [0x5929, 0x5929, 8],
      [0x5e02, 0x5e02, 9],
      [0x957f, 0x957f, 7],
    ];
    for (const f of [font(groups), font(groups, true)]) {
      const cmap = readCmap(f);
      expect(cmap.get(0x957f)).toBe(7);
      const sharing = glyphSharing(cmap);
      expect(sharing.get(0x2ed3)).toEqual([0x2ed3, 0x957f]);
      expect(sharing.has(0x5929)).toBe(false);
    }
  });

  it("maps a ToUnicode entry that names a character the page lacks to the page's character with that glyph", () => {
    const sharing = glyphSharing(
      readCmap(
        font([
          [0x2ed3, 0x2ed3, 7],
          [0x957f, 0x957f, 7],
          [0x2f3e, 0x2f3e, 9],
          [0x6237, 0x6237, 9],
        ]),
      ),
    );
    const page = new Set([...'天长市户'].map((c) => c.codePointAt(0)!));
    const fixed = fixCmap(
      CMAP('3 beginbfchar\n<01> <5929>\n<02> <2ED3>\n<03> <2F3E>\nendbfchar\n'),
      page,
      sharing,
    )!;
    expect(fixed).toContain('<01> <5929>');
    expect(fixed).toContain('<02> <957F>');
    expect(fixed).toContain('<03> <6237>');
    expect(fixed).not.toContain('2ED3');
    // ranges are expanded so that one entry inside them can change
    const ranged = fixCmap(CMAP('1 beginbfrange\n<10> <12> <2ED2>\nendbfrange\n'), page, sharing)!;
    expect(ranged).toContain('<10> <2ED2>');
    expect(ranged).toContain('<11> <957F>');
    expect(ranged).toContain('<12> <2ED4>');
  });

  it('leaves a map alone when the page holds the characters it names, or nothing shares their glyph', () => {
    const sharing = glyphSharing(
      readCmap(
        font([
          [0x2ed3, 0x2ed3, 7],
          [0x957f, 0x957f, 7],
        ]),
      ),
    );
    const radical = new Set([0x2ed3]);
    expect(fixCmap(CMAP('1 beginbfchar\n<02> <2ED3>\nendbfchar\n'), radical, sharing)).toBeNull();
    expect(fixCmap(CMAP('1 beginbfchar\n<02> <4E00>\nendbfchar\n'), new Set([0x957f]), sharing)).toBeNull();
  });
});
