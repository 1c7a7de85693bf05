/** Files other than canonical JSON go through the importer (packages/formats). */
import type { LoadedForms } from './load.ts';

export async function importForms(file: string): Promise<LoadedForms> {
  return {
    ok: false,
    message: `${file}：暂时只能读取标准 JSON 自评表（导入其他格式的功能正在开发）。`,
  };
}
