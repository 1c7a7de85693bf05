/** Evidence for a form (证明材料): a file kept with it, up to a size limit. */
import type { Actor } from '../domain.ts';
import { newId } from '../ids.ts';
import { nowIso } from '../store/dialect.ts';
import { type AttachmentMeta, insertAttachment } from '../store/repos/attachments.ts';
import { recordEvent } from '../store/repos/audit.ts';
import type { Db } from '../store/schema.ts';
import { evaluationFor, inTransaction } from './common.ts';
import { refuse } from './problem.ts';

export const DEFAULT_ATTACHMENT_LIMIT = 10 * 1024 * 1024;

export interface AddAttachmentInput {
  evaluationId: string;
  filename: string;
  mediaType?: string;
  content: Uint8Array;
}

export function formatSize(n: number): string {
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The name without folders or control characters, as the user will see it again. */
export function cleanFilename(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base.slice(0, 200);
}

export async function addAttachment(
  db: Db,
  actor: Actor | null,
  input: AddAttachmentInput,
  options: { maxBytes?: number } = {},
): Promise<AttachmentMeta> {
  const max = options.maxBytes ?? DEFAULT_ATTACHMENT_LIMIT;
  const filename = cleanFilename(input.filename);
  return inTransaction(db, async (trx) => {
    const e = await evaluationFor(trx, actor, input.evaluationId, 'attach');
    if (filename === '') refuse('invalid', 'filename-required', '附件缺少文件名。', { path: 'file' });
    if (input.content.byteLength === 0) {
      refuse('invalid', 'empty-file', `附件“${filename}”是空文件（0 字节）。`, { path: 'file' });
    }
    if (input.content.byteLength > max) {
      refuse(
        'too-large',
        'attachment-too-large',
        `附件“${filename}”有 ${formatSize(input.content.byteLength)}，超过了 ${formatSize(max)} 的上限。请压缩或拆分后再上传。`,
        { path: 'file', details: { size: input.content.byteLength, limit: max } },
      );
    }
    const meta: AttachmentMeta = {
      id: newId(),
      evaluationId: e.id,
      filename,
      mediaType: (input.mediaType ?? '').slice(0, 100) || 'application/octet-stream',
      size: input.content.byteLength,
      uploadedBy: actor?.id ?? '',
      uploadedAt: nowIso(),
    };
    await insertAttachment(trx, { ...meta, content: input.content });
    await recordEvent(trx, {
      actor,
      action: 'attachment.add',
      entityType: 'attachment',
      entityId: meta.id,
      evaluationId: e.id,
      before: null,
      after: { filename, size: meta.size, mediaType: meta.mediaType },
      at: meta.uploadedAt,
    });
    return meta;
  });
}
