import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';

/** The form body; a malformed one (broken multipart, wrong encoding) is the sender's 400, never our 500. */
export async function readForm(
  c: Context,
  options?: { all?: boolean },
): Promise<Record<string, string | File | (string | File)[]>> {
  try {
    return await c.req.parseBody(options ?? {});
  } catch (error) {
    if (error instanceof HTTPException) throw error;
    throw new HTTPException(400, {
      res: Response.json(
        { error: 'malformed_body', message: 'The form body could not be read.' },
        { status: 400 },
      ),
    });
  }
}
