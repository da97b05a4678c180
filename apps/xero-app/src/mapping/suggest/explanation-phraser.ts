import type { Suggestion } from './suggestion.ts';

/** Rewrites explanations in friendlier words; the suggestion itself (value, confidence) never changes. */
export type ExplanationPhraser = {
  phrase(suggestions: readonly Suggestion[]): Promise<Suggestion[]>;
};

export const plainExplanations: ExplanationPhraser = { phrase: async (s) => [...s] };

/**
 * Over an OpenAI-compatible chat-completions endpoint. It sees only the computed explanations (no
 * orders, no Xero records); any failure or odd answer keeps the computed sentence.
 */
export function createLlmPhraser(config: {
  url: string;
  apiKey?: string;
  model: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}): ExplanationPhraser {
  const call = config.fetch ?? fetch;
  return {
    async phrase(suggestions) {
      if (suggestions.length === 0) return [];
      try {
        const response = await call(`${config.url.replace(/\/+$/, '')}/chat/completions`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
          },
          body: JSON.stringify({
            model: config.model,
            temperature: 0,
            messages: [
              {
                role: 'system',
                content:
                  'Rewrite each explanation as one short sentence a bookkeeper understands. Keep every number, code and account name. Answer with a JSON array of strings, same order, nothing else.',
              },
              { role: 'user', content: JSON.stringify(suggestions.map((s) => s.explanation)) },
            ],
          }),
          signal: AbortSignal.timeout(config.timeoutMs ?? 5_000),
        });
        if (!response.ok) return [...suggestions];
        const body = (await response.json()) as { choices?: Array<{ message?: { content?: string } }> };
        const lines: unknown = JSON.parse(body.choices?.[0]?.message?.content ?? 'null');
        if (!Array.isArray(lines) || lines.length !== suggestions.length) return [...suggestions];
        return suggestions.map((s, i) => {
          const line = lines[i];
          return typeof line === 'string' && line.trim() && line.length <= 300
            ? { ...s, explanation: line.trim() }
            : s;
        });
      } catch {
        return [...suggestions];
      }
    },
  };
}
