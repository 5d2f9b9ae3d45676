import { NotFoundError } from '@mikro-orm/core';
import { toHttp } from '../../api/errors/error-handler';
import { z } from '../../api/http/openapi';

describe('toHttp: one mapping from errors to answers', () => {
  it('maps the ORM’s NotFoundError (a row deleted while a request changed it) to 404, not 500', () => {
    expect(toHttp(NotFoundError.findOneFailed('Portfolio', { id: 'x' }))).toEqual([404, { code: 'RESOURCE.NOT_FOUND', message: expect.any(String) }]);
  });

  it('names unknown keys with their path, apart from other field errors', () => {
    const schema = z.object({ filter: z.object({ companySiren: z.string().optional() }), reason: z.string().min(5) });
    const error = schema.safeParse({ filter: { companySIREN: '1' }, reason: 'x', extra: 1 }).error;
    const [status, body] = toHttp(error)!;
    expect(status).toBe(400);
    expect(body.code).toBe('VALIDATION.UNKNOWN_FIELD');
    expect(body.message).toContain('filter.companySIREN');
    expect(Object.keys(body.errors!).sort()).toEqual(['extra', 'filter.companySIREN', 'reason']);
  });

  it('refuses control characters in text, lets lines through in multi-line text', () => {
    expect(z.string().safeParse('a\u0000b').success).toBe(false);
    expect(z.string().safeParse('a\nb').success).toBe(false);
    expect(z.multilineText().safeParse('1 rue de la Paix\r\n75002 Paris\tFrance').success).toBe(true);
    expect(z.multilineText().safeParse('a\u0000b').success).toBe(false);
    expect(z.multilineText().safeParse('a\u001bb').success).toBe(false);
  });
});
