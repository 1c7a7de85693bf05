import type { Db } from '../schema.ts';

export interface Comment {
  id: string;
  evaluationId: string;
  version: number;
  path: string;
  body: string;
  authorId: string;
  authorName: string;
  createdAt: string;
}

export async function insertComment(db: Db, c: Omit<Comment, 'authorName'>): Promise<void> {
  await db
    .insertInto('comments')
    .values({
      id: c.id,
      evaluation_id: c.evaluationId,
      version: c.version,
      path: c.path,
      body: c.body,
      author_id: c.authorId,
      created_at: c.createdAt,
    })
    .execute();
}

export async function listComments(db: Db, evaluationId: string): Promise<Comment[]> {
  const rows = await db
    .selectFrom('comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .selectAll('c')
    .select('u.display_name as author')
    .where('c.evaluation_id', '=', evaluationId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    evaluationId: r.evaluation_id,
    version: r.version,
    path: r.path,
    body: r.body,
    authorId: r.author_id,
    authorName: r.author,
    createdAt: r.created_at,
  }));
}
