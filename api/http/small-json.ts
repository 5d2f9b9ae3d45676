import type { IncomingMessage, ServerResponse } from 'node:http';

/** A body-parser error the error handler already maps (400 malformed JSON, 413 too large). */
const bodyError = (type: 'entity.parse.failed' | 'entity.too.large') => Object.assign(new Error(type), { type });

/**
 * The JSON body of a small request, read without body-parser's generality
 * (for the hot machine routes): JSON only, UTF-8, at most `limit` bytes;
 * anything else is `{}`, which validation then refuses.
 */
export async function readSmallJson(req: IncomingMessage, limit: number): Promise<unknown> {
  if (!req.headers['content-type']?.startsWith('application/json')) return {};
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw bodyError('entity.too.large');
    chunks.push(chunk);
  }
  if (!size) return {};
  try {
    return JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
  } catch {
    throw bodyError('entity.parse.failed');
  }
}

/** Answers 200 with a JSON body that no cache may keep. */
export function sendFreshJson(res: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}
