/**
 * Size, cell and time limits shared by every reader, so that no upload can make a reader
 * allocate without bound or run forever.
 */
import { DEFAULT_LIMITS, type ReadLimits } from '../grid.ts';
import { formatBytes, readError } from './errors.ts';

export function resolveLimits(limits?: Partial<ReadLimits>): ReadLimits {
  const out: ReadLimits = { ...DEFAULT_LIMITS };
  if (limits) {
    for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ReadLimits)[]) {
      const v = limits[key];
      if (typeof v === 'number' && Number.isFinite(v) && v > 0) out[key] = v;
    }
  }
  return out;
}

/** Refuses empty files and files over `maxBytes`. */
export function checkFileSize(bytes: Uint8Array | string, file: string, limits: ReadLimits): void {
  const size = typeof bytes === 'string' ? bytes.length : bytes.byteLength;
  if (size === 0) {
    throw readError('empty', file, '是空文件（0 字节）。请检查是否选错了文件，或文件是否下载完整。');
  }
  if (size > limits.maxBytes) {
    throw readError(
      'too-large',
      file,
      `有 ${formatBytes(size)}，超过了单个文件 ${formatBytes(limits.maxBytes)} 的上限。` +
        '请删去与自评表无关的工作表、图片或附件后再导入，或请管理员调高上限。',
    );
  }
}

/**
 * A wall-clock budget. Readers are synchronous, so a timer cannot interrupt them; instead they
 * call `check()` every so often and it throws once the budget is spent.
 */
export interface Clock {
  check(): void;
  /** throws when more than `max` cells were seen */
  countCells(n: number): void;
}

export function startClock(file: string, limits: ReadLimits): Clock {
  const deadline = Date.now() + limits.timeoutMs;
  let cells = 0;
  let calls = 0;
  const clock: Clock = {
    check() {
      if (Date.now() > deadline) throw timeoutError(file, limits);
    },
    countCells(n) {
      cells += n;
      if (cells > limits.maxCells) {
        throw readError(
          'too-many-cells',
          file,
          `中的单元格超过 ${limits.maxCells} 个，不像一份自评表。请只保留自评表所在的工作表或表格后再导入。`,
        );
      }
      // Date.now() is cheap, but not free; look at the clock every 256 cells.
      calls += n;
      if (calls >= 256) {
        calls = 0;
        clock.check();
      }
    },
  };
  return clock;
}

export function timeoutError(file: string, limits: ReadLimits): Error {
  return readError(
    'timeout',
    file,
    `读取超过了 ${limits.timeoutMs / 1000} 秒的时限，已停止。文件可能过大或结构异常；请另存为较小的文件后重试。`,
  );
}
