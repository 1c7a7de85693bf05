/**
 * Ruling lines of a PDF page, from pdf.js's operator list: the strokes and thin filled
 * rectangles that office suites draw as table borders. Only axis-aligned pieces matter; a
 * table border is never a curve.
 */

/** An axis-aligned line in page coordinates (points from the top-left corner). */
export interface Segment {
  /** for a horizontal segment y1 = y2 and x1 < x2; for a vertical one x1 = x2 and y1 < y2 */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** a 2-D affine matrix [a, b, c, d, e, f] as PDF and pdf.js write it */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 × m2 in pdf.js's convention: apply m2 first, then m1 */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** the operator codes this module reads; pdf.js's OPS object satisfies it */
export interface OpCodes {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  setStrokeRGBColor: number;
  setFillRGBColor: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
}

/** pdf.js's path commands inside a constructPath buffer (DrawOPS) */
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;

/** a filled rectangle this thin or thinner is a line, not a shaded cell */
const THIN = 2.5;
/** how far from axis-aligned a segment may be, in points */
const SKEW = 0.6;

function toMatrix(value: unknown): Matrix | null {
  if (!value || typeof value !== 'object' || !('length' in value)) return null;
  const arr = value as ArrayLike<unknown>;
  if (arr.length !== 6) return null;
  const out: number[] = [];
  for (let i = 0; i < 6; i += 1) {
    const n = arr[i];
    if (typeof n !== 'number' || !Number.isFinite(n)) return null;
    out.push(n);
  }
  return out as unknown as Matrix;
}

function isWhite(color: unknown): boolean {
  return typeof color === 'string' && color.toLowerCase() === '#ffffff';
}

interface State {
  ctm: Matrix;
  stroke: unknown;
  fill: unknown;
}

/**
 * The axis-aligned lines drawn on a page. `view` maps PDF user space to page coordinates
 * with the origin at the top-left (pdf.js's viewport.transform at scale 1).
 */
export function rulingsFromOperatorList(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  ops: OpCodes,
  view: Matrix,
): Segment[] {
  const segments: Segment[] = [];
  const strokeOps = new Set([
    ops.stroke,
    ops.closeStroke,
    ops.fillStroke,
    ops.eoFillStroke,
    ops.closeFillStroke,
    ops.closeEOFillStroke,
  ]);
  const fillOps = new Set([ops.fill, ops.eoFill]);
  const stack: State[] = [];
  let state: State = { ctm: IDENTITY, stroke: '#000000', fill: '#000000' };

  const addLine = (m: Matrix, ax: number, ay: number, bx: number, by: number): void => {
    const [x1, y1] = apply(m, ax, ay);
    const [x2, y2] = apply(m, bx, by);
    if (![x1, y1, x2, y2].every(Number.isFinite)) return;
    if (Math.abs(y1 - y2) <= SKEW && Math.abs(x1 - x2) > SKEW) {
      const y = (y1 + y2) / 2;
      segments.push({ x1: Math.min(x1, x2), y1: y, x2: Math.max(x1, x2), y2: y });
    } else if (Math.abs(x1 - x2) <= SKEW && Math.abs(y1 - y2) > SKEW) {
      const x = (x1 + x2) / 2;
      segments.push({ x1: x, y1: Math.min(y1, y2), x2: x, y2: Math.max(y1, y2) });
    }
  };

  for (let i = 0; i < fnArray.length; i += 1) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null | undefined;
    if (fn === ops.save) {
      stack.push(state);
      state = { ...state };
    } else if (fn === ops.restore) {
      state = stack.pop() ?? state;
    } else if (fn === ops.transform) {
      const m = toMatrix(args);
      if (m) state.ctm = multiply(state.ctm, m);
    } else if (fn === ops.paintFormXObjectBegin) {
      stack.push(state);
      state = { ...state };
      const m = toMatrix(args?.[0]);
      if (m) state.ctm = multiply(state.ctm, m);
    } else if (fn === ops.paintFormXObjectEnd) {
      state = stack.pop() ?? state;
    } else if (fn === ops.setStrokeRGBColor) {
      state.stroke = args?.[0];
    } else if (fn === ops.setFillRGBColor) {
      state.fill = args?.[0];
    } else if (fn === ops.constructPath && args) {
      const paint = args[0];
      const buffer = (args[1] as unknown[] | undefined)?.[0];
      if (typeof paint !== 'number' || !buffer || typeof buffer !== 'object' || !('length' in buffer))
        continue;
      const path = buffer as ArrayLike<number>;
      const m = multiply(view, state.ctm);
      if (strokeOps.has(paint) && !isWhite(state.stroke)) {
        strokePath(path, (ax, ay, bx, by) => addLine(m, ax, ay, bx, by));
      }
      if (fillOps.has(paint) && !isWhite(state.fill)) {
        for (const [x0, y0, x1, y1] of rectangles(path)) {
          const [px0, py0] = apply(m, x0, y0);
          const [px1, py1] = apply(m, x1, y1);
          const w = Math.abs(px1 - px0);
          const h = Math.abs(py1 - py0);
          if (h <= THIN && w > h) addLine(IDENTITY, px0, (py0 + py1) / 2, px1, (py0 + py1) / 2);
          else if (w <= THIN && h > w) addLine(IDENTITY, (px0 + px1) / 2, py0, (px0 + px1) / 2, py1);
        }
      }
    }
  }
  return segments;
}

/** calls `line` for every straight piece of a stroked path */
function strokePath(
  path: ArrayLike<number>,
  line: (ax: number, ay: number, bx: number, by: number) => void,
): void {
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < path.length; ) {
    const op = path[i++];
    if (op === MOVE) {
      cx = sx = path[i++] ?? 0;
      cy = sy = path[i++] ?? 0;
    } else if (op === LINE) {
      const x = path[i++] ?? 0;
      const y = path[i++] ?? 0;
      line(cx, cy, x, y);
      cx = x;
      cy = y;
    } else if (op === CURVE) {
      i += 4;
      cx = path[i++] ?? 0;
      cy = path[i++] ?? 0;
    } else if (op === QUAD) {
      i += 2;
      cx = path[i++] ?? 0;
      cy = path[i++] ?? 0;
    } else if (op === CLOSE) {
      line(cx, cy, sx, sy);
      cx = sx;
      cy = sy;
    } else {
      return;
    }
  }
}

/** the axis-aligned rectangles among a path's subpaths, as [x0, y0, x1, y1] in user space */
function rectangles(path: ArrayLike<number>): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  let points: [number, number][] = [];
  let bad = false;
  const flush = (): void => {
    if (!bad && (points.length === 4 || points.length === 5)) {
      const xs = new Set(points.map((p) => Math.round(p[0] * 100)));
      const ys = new Set(points.map((p) => Math.round(p[1] * 100)));
      if (xs.size <= 2 && ys.size <= 2) {
        const allX = points.map((p) => p[0]);
        const allY = points.map((p) => p[1]);
        out.push([Math.min(...allX), Math.min(...allY), Math.max(...allX), Math.max(...allY)]);
      }
    }
    points = [];
    bad = false;
  };
  for (let i = 0; i < path.length; ) {
    const op = path[i++];
    if (op === MOVE) {
      flush();
      points.push([path[i++] ?? 0, path[i++] ?? 0]);
    } else if (op === LINE) {
      points.push([path[i++] ?? 0, path[i++] ?? 0]);
    } else if (op === CURVE) {
      i += 6;
      bad = true;
    } else if (op === QUAD) {
      i += 4;
      bad = true;
    } else if (op === CLOSE) {
      flush();
    } else {
      break;
    }
  }
  flush();
  return out;
}
