import type { Db } from '../schema.ts';

export interface AttachmentMeta {
  id: string;
  evaluationId: string;
  filename: string;
  mediaType: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
}

export async function insertAttachment(db: Db, a: AttachmentMeta & { content: Uint8Array }): Promise<void> {
  await db
    .insertInto('attachments')
    .values({
      id: a.id,
      evaluation_id: a.evaluationId,
      filename: a.filename,
      media_type: a.mediaType,
      size: a.size,
      content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
      uploaded_by: a.uploadedBy,
      uploaded_at: a.uploadedAt,
    })
    .execute();
}

const META = ['id', 'evaluation_id', 'filename', 'media_type', 'size', 'uploaded_by', 'uploaded_at'] as const;

function toMeta(r: {
  id: string;
  evaluation_id: string;
  filename: string;
  media_type: string;
  size: number;
  uploaded_by: string;
  uploaded_at: string;
}): AttachmentMeta {
  return {
    id: r.id,
    evaluationId: r.evaluation_id,
    filename: r.filename,
    mediaType: r.media_type,
    size: Number(r.size),
    uploadedBy: r.uploaded_by,
    uploadedAt: r.uploaded_at,
  };
}

export async function listAttachments(db: Db, evaluationId: string): Promise<AttachmentMeta[]> {
  const rows = await db
    .selectFrom('attachments')
    .select(META)
    .where('evaluation_id', '=', evaluationId)
    .orderBy('uploaded_at')
    .execute();
  return rows.map(toMeta);
}

export async function findAttachment(
  db: Db,
  id: string,
): Promise<(AttachmentMeta & { content: Buffer }) | undefined> {
  const row = await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { ...toMeta(row), content: Buffer.from(row.content) };
}
