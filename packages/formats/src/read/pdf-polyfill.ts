/**
 * pdf.js 5 creates a DOMMatrix when its module loads. In Node it borrows one from the optional
 * @napi-rs/canvas package; where that package is missing (it is a native binary, not always
 * installable) the import fails. Text and line extraction never render, so a small 2-D matrix
 * is enough. Installed only when neither the platform nor @napi-rs/canvas provides one, so a
 * process that renders with canvas keeps the real thing.
 */
import { createRequire } from 'node:module';

/** the 2-D subset of the DOMMatrix web API that pdf.js touches outside rendering */
class Matrix2D {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
  readonly is2D = true;

  constructor(init?: ArrayLike<number>) {
    if (init && init.length === 6) {
      const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = Array.from(init);
      Object.assign(this, { a, b, c, d, e, f });
    }
  }

  get isIdentity(): boolean {
    return this.a === 1 && this.b === 0 && this.c === 0 && this.d === 1 && this.e === 0 && this.f === 0;
  }

  multiplySelf(o: { a: number; b: number; c: number; d: number; e: number; f: number }): this {
    const { a, b, c, d, e, f } = this;
    this.a = a * o.a + c * o.b;
    this.b = b * o.a + d * o.b;
    this.c = a * o.c + c * o.d;
    this.d = b * o.c + d * o.d;
    this.e = a * o.e + c * o.f + e;
    this.f = b * o.e + d * o.f + f;
    return this;
  }

  translateSelf(tx = 0, ty = 0): this {
    return this.multiplySelf({ a: 1, b: 0, c: 0, d: 1, e: tx, f: ty });
  }

  scaleSelf(sx = 1, sy = sx): this {
    return this.multiplySelf({ a: sx, b: 0, c: 0, d: sy, e: 0, f: 0 });
  }
}

export function ensureDomMatrix(): void {
  const g = globalThis as { DOMMatrix?: unknown };
  if (g.DOMMatrix) return;
  try {
    // pdf.js will take the canvas package's DOMMatrix itself when it can load it
    createRequire(import.meta.url)('@napi-rs/canvas');
    return;
  } catch {
    g.DOMMatrix = Matrix2D;
  }
}
