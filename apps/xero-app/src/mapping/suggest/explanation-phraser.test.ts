import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmPhraser } from './explanation-phraser.ts';
import type { Suggestion } from './suggestion.ts';

const suggestion: Suggestion = {
  key: 'tax:AU-GST',
  kind: 'tax',
  subject: 'AU-GST',
  value: 'OUTPUT',
  label: 'GST on Income · 10 % (OUTPUT)',
  confidence: 0.88,
  explanation: 'AU-GST is charged at 10 % on 4 recent lines; GST on Income has the same rate (10 %).',
};

describe('optional LLM phrasing of explanations (a local fake endpoint)', () => {
  let server: Server;
  let url: string;
  let reply: (body: { messages: Array<{ content: string }> }) => { status: number; json: unknown };
  const seen: Array<{ auth?: string; body: { model: string; messages: Array<{ content: string }> } }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => {
        raw += chunk;
      });
      req.on('end', () => {
        const body = JSON.parse(raw);
        seen.push({ ...(req.headers.authorization ? { auth: req.headers.authorization } : {}), body });
        const out = reply(body);
        res.writeHead(out.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(out.json));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('rephrases the explanation only, sending nothing but the computed sentences', async () => {
    reply = () => ({
      status: 200,
      json: {
        choices: [
          { message: { content: JSON.stringify(['Your AU-GST lines are 10 %: use GST on Income.']) } },
        ],
      },
    });
    const [out] = await createLlmPhraser({ url, apiKey: 'k', model: 'm' }).phrase([suggestion]);
    expect(out).toEqual({ ...suggestion, explanation: 'Your AU-GST lines are 10 %: use GST on Income.' });
    expect(seen.at(-1)?.auth).toBe('Bearer k');
    expect(seen.at(-1)?.body.model).toBe('m');
    expect(seen.at(-1)?.body.messages[1]?.content).toBe(JSON.stringify([suggestion.explanation]));
  });

  it('keeps the computed sentence when the endpoint fails or answers oddly', async () => {
    const phraser = createLlmPhraser({ url, model: 'm' });
    reply = () => ({ status: 500, json: {} });
    expect(await phraser.phrase([suggestion])).toEqual([suggestion]);
    reply = () => ({ status: 200, json: { choices: [{ message: { content: 'not json' } }] } });
    expect(await phraser.phrase([suggestion])).toEqual([suggestion]);
    reply = () => ({ status: 200, json: { choices: [{ message: { content: '["a","b"]' } }] } });
    expect(await phraser.phrase([suggestion])).toEqual([suggestion]);
    const down = createLlmPhraser({ url: 'http://127.0.0.1:1', model: 'm', timeoutMs: 2_000 });
    expect(await down.phrase([suggestion])).toEqual([suggestion]);
  });
});
