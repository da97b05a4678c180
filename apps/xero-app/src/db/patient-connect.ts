// A PostgreSQL server that is full refuses a new connection at once (SQLSTATE 53300 too_many_connections,
// for the server, a role or a database; 57P03 cannot_connect_now while it starts or shuts down). Both pass
// in moments — another process's pool lets an idle client go, a replica of a rolling deploy stops — so a
// request needing a new pooled connection waits for one instead of failing (decision 0124).

/** The waits between attempts: about 5 s in all, the longest a console request should stand still. */
export const connectWaitsMs = [50, 100, 200, 400, 800, 1_000, 1_000, 1_000, 1_000] as const;

const refusedForNow = new Set(['53300', '57P03']);

/** Whether a connection error says "not now" rather than "never" (bad password, no such database). */
export function isRefusedForNow(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && refusedForNow.has(code);
}

/** Opens a connection, waiting through refusals that pass; any other failure, or the last refusal, throws. */
export async function connectPatiently<T>(
  connect: () => Promise<T>,
  options: { waitsMs?: readonly number[]; sleep?: (ms: number) => Promise<void> } = {},
): Promise<T> {
  const waits = options.waitsMs ?? connectWaitsMs;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await connect();
    } catch (error) {
      const wait = waits[attempt];
      if (wait === undefined || !isRefusedForNow(error)) throw error;
      await sleep(wait);
    }
  }
}
