import { describe, expect, it } from 'vitest';
import type { Matrix, OpCodes } from './pdf-rulings.ts';
import { rulingsFromOperatorList } from './pdf-rulings.ts';

// pdf.js's operator numbers (OPS in pdfjs-dist 5), written out so the test needs no pdf.js
const OPS: OpCodes = {
  save: 10,
  restore: 11,
  transform: 12,
  stroke: 20,
  closeStroke: 21,
  fill: 22,
  eoFill: 23,
  fillStroke: 24,
  eoFillStroke: 25,
  closeFillStroke: 26,
  closeEOFillStroke: 27,
  setStrokeRGBColor: 58,
  setFillRGBColor: 59,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  constructPath: 91,
};
const END_PATH = 28;
const [MOVE, LINE, CLOSE] = [0, 1, 4];

/** an A4 portrait page at scale 1: PDF's y grows upwards, the page's downwards */
const VIEW: Matrix = [1, 0, 0, -1, 0, 842];

const path = (paint: number, ...buffer: number[]): [number, unknown[]] => [
  OPS.constructPath,
  [paint, [Float32Array.from(buffer)], null],
];

function rulings(...ops: [number, unknown][]): ReturnType<typeof rulingsFromOperatorList> {
  return rulingsFromOperatorList(
    ops.map((o) => o[0]),
    ops.map((o) => o[1]),
    OPS,
    VIEW,
  );
}

describe('rulingsFromOperatorList', () => {
  it('turns stroked lines into segments in page coordinates (origin top-left)', () => {
    const segments = rulings(path(OPS.stroke, MOVE, 50, 800, LINE, 300, 800, MOVE, 50, 800, LINE, 50, 700));
    expect(segments).toEqual([
      { x1: 50, y1: 42, x2: 300, y2: 42 },
      { x1: 50, y1: 42, x2: 50, y2: 142 },
    ]);
  });

  it('follows cm transforms and restores them', () => {
    const segments = rulings(
      [OPS.save, null],
      [OPS.transform, [0.1, 0, 0, 0.1, 0, 0]],
      path(OPS.stroke, MOVE, 500, 8000, LINE, 3000, 8000),
      [OPS.restore, null],
      path(OPS.stroke, MOVE, 500, 800, LINE, 600, 800),
    );
    expect(segments.map((s) => [s.x1, s.x2, Math.round(s.y1)])).toEqual([
      [50, 300, 42],
      [500, 600, 42],
    ]);
  });

  it('applies a form XObject’s matrix inside it only', () => {
    const segments = rulings(
      [OPS.paintFormXObjectBegin, [[1, 0, 0, 1, 100, 0], null]],
      path(OPS.stroke, MOVE, 0, 800, LINE, 10, 800),
      [OPS.paintFormXObjectEnd, null],
      path(OPS.stroke, MOVE, 0, 800, LINE, 10, 800),
    );
    expect(segments.map((s) => [s.x1, s.x2])).toEqual([
      [100, 110],
      [0, 10],
    ]);
  });

  it('reads a rectangle stroked as four borders', () => {
    const segments = rulings(
      path(OPS.closeStroke, MOVE, 0, 0, LINE, 100, 0, LINE, 100, 20, LINE, 0, 20, CLOSE),
    );
    expect(segments).toHaveLength(4);
  });

  it('reads thin filled rectangles as lines and ignores cell shading and white lines', () => {
    const segments = rulings(
      path(OPS.fill, MOVE, 0, 800, LINE, 200, 800, LINE, 200, 800.5, LINE, 0, 800.5, CLOSE),
      path(OPS.fill, MOVE, 0, 600, LINE, 200, 600, LINE, 200, 650, LINE, 0, 650, CLOSE),
      [OPS.setStrokeRGBColor, ['#ffffff']],
      path(OPS.stroke, MOVE, 0, 500, LINE, 200, 500),
    );
    expect(segments).toHaveLength(1);
    expect(segments[0]?.x2).toBe(200);
    expect(segments[0]?.y1).toBeCloseTo(41.75, 5);
  });

  it('ignores clipping paths, curves and slanted lines', () => {
    const segments = rulings(
      path(END_PATH, MOVE, 0, 0, LINE, 595, 0, LINE, 595, 842, LINE, 0, 842, CLOSE),
      path(OPS.stroke, MOVE, 0, 0, LINE, 100, 100),
      path(OPS.stroke, MOVE, 0, 0, 2, 10, 10, 20, 20, 30, 0),
    );
    expect(segments).toEqual([]);
  });
});
