/** The OpenAPI 3.1 document, generated from the route table and the model's own schemas. */
import { evaluationSchema } from '@jixiao/core';
import { z } from 'zod';
import type { AnyRoute } from './route.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): JsonSchema {
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete out.$schema;
  return out;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const s = jsonSchema(schema);
  const props = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s.required ?? []) as string[]);
  return Object.entries(props).map(([name, p]) => ({
    name,
    in: where,
    required: where === 'path' || (required.has(name) && p.default === undefined),
    schema: p,
  }));
}

export function openApiDocument(routes: readonly AnyRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const op: JsonSchema = {
      tags: [r.tag],
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      operationId: `${r.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase())}`,
      parameters: [
        ...parameters(r.params as z.ZodType | undefined, 'path'),
        ...parameters(r.query as z.ZodType | undefined, 'query'),
        ...(r.method === 'PUT' && r.bodyKind === 'document'
          ? [{ name: 'If-Match', in: 'header', required: true, schema: { type: 'string', example: '"v3"' } }]
          : []),
      ],
      responses: {
        [String(r.success?.status ?? 200)]: {
          description: r.success?.description ?? '成功',
          ...(r.success?.status === 204
            ? {}
            : {
                content: {
                  [r.success?.contentType ?? 'application/json']: { schema: {} },
                },
              }),
        },
        default: {
          description: '错误：{error: {code, message, path?}}，message 为中文',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      ...(r.auth === 'user' ? { security: [{ session: [], csrf: [] }] } : { security: [] }),
    };
    if (r.bodyKind === 'json' && r.body) {
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(r.body as z.ZodType) } },
      };
    } else if (r.bodyKind === 'document') {
      op.requestBody = {
        required: r.method === 'PUT',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Evaluation' } } },
      };
    } else if (r.bodyKind === 'multipart') {
      op.requestBody = {
        required: true,
        content: {
          'multipart/form-data': {
            schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
          },
        },
      };
    }
    paths[path] ??= {};
    (paths[path] as Record<string, JsonSchema>)[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Jixiao（绩效）API',
      version,
      description:
        '预算绩效自评表的填报、审核、复核、公开与核验。所有错误为 {error: {code, message, path?}}，message 为中文。' +
        '登录后以会话 Cookie 认证；修改数据的请求须带 X-CSRF-Token 请求头。',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'jixiao_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
      schemas: {
        Evaluation: jsonSchema(evaluationSchema),
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', description: '稳定的错误代码，供程序判断' },
                message: { type: 'string', description: '中文说明：错在哪里、该怎么办' },
                path: { type: 'string', description: '出错的字段，如 indicators[3].target' },
              },
              additionalProperties: true,
            },
          },
        },
      },
    },
  };
}
