/**
 * pdf.js's legacy build, the one that runs on Node 20, carries core-js, and loading it replaces
 * some of the engine's own built-ins with JavaScript versions for the whole process:
 * `Array.prototype.push`, `JSON.stringify` and `JSON.parse` (core-js swaps in its own where the
 * engine lacks a newer proposal's corner, such as `JSON.rawJSON`). Measured on one form's JSON:
 * stringify 22 → 200 µs, ten pushes 13 times slower. Everything else in the process then paid
 * for them: a server's every answer, core's scoring and checking of every later form.
 *
 * pdf.js needs none of those corners, so once it has loaded the engine's own are put back. What
 * core-js adds where the engine has nothing (`Promise.withResolvers` on Node 20, which pdf.js
 * does use) stays.
 */

/** The built-in objects whose own properties are kept: the ones libraries patch. */
function builtins(): object[] {
  const typedArray = Object.getPrototypeOf(Uint8Array.prototype) as object;
  return [
    Object,
    Object.prototype,
    Function.prototype,
    Array,
    Array.prototype,
    String,
    String.prototype,
    Number,
    Number.prototype,
    Math,
    JSON,
    Promise,
    Promise.prototype,
    Map.prototype,
    Set.prototype,
    WeakMap.prototype,
    RegExp.prototype,
    Date,
    Date.prototype,
    Reflect,
    Symbol,
    ArrayBuffer.prototype,
    typedArray,
    Uint8Array.prototype,
  ];
}

type Kept = { target: object; key: PropertyKey; descriptor: PropertyDescriptor }[];

function keep(): Kept {
  const kept: Kept = [];
  for (const target of new Set(builtins())) {
    for (const key of Reflect.ownKeys(target)) {
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      if (descriptor) kept.push({ target, key, descriptor });
    }
  }
  return kept;
}

function same(a: PropertyDescriptor, b: PropertyDescriptor | undefined): boolean {
  return b !== undefined && Object.is(a.value, b.value) && a.get === b.get && a.set === b.set;
}

/**
 * Runs `load` and then puts back every built-in it replaced; returns what it replaced
 * (`JSON.stringify`, …) beside what `load` gave. Built-ins it added stay.
 */
export async function keepingNativeBuiltins<T>(
  load: () => Promise<T>,
): Promise<{ value: T; restored: string[] }> {
  const kept = keep();
  let value: T;
  let restored: string[];
  try {
    value = await load();
  } finally {
    restored = putBack(kept);
  }
  return { value, restored };
}

/** Defines again each kept property that changed; the names of those it put back. */
function putBack(kept: Kept): string[] {
  const restored: string[] = [];
  for (const { target, key, descriptor } of kept) {
    if (same(descriptor, Object.getOwnPropertyDescriptor(target, key))) continue;
    Object.defineProperty(target, key, descriptor);
    restored.push(`${nameOf(target)}.${String(key)}`);
  }
  return restored;
}

function nameOf(target: object): string {
  if (target === JSON) return 'JSON';
  if (target === Math) return 'Math';
  if (target === Reflect) return 'Reflect';
  if (typeof target === 'function') return target.name;
  const ctor = (target as { constructor?: { name?: string } }).constructor;
  return `${ctor?.name ?? 'Object'}.prototype`;
}
