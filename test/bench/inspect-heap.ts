/**
 * A child node process's heap through its inspector (started with `--inspect=127.0.0.1:0`): a full
 * garbage collection, then the heap in use. A benchmark reads memory after a collection, not whenever
 * V8 last chose to collect.
 */
export async function collectAndMeasureHeap(
  output: string,
): Promise<{ usedMb: number; totalMb: number; externalMb: number }> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
  if (!url) throw new Error('the process has no inspector (start it with --inspect=127.0.0.1:0)');
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`cannot reach the inspector at ${url}`)), {
      once: true,
    });
  });
  let next = 0;
  const pending = new Map<number, (result: unknown) => void>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      next += 1;
      pending.set(next, resolve);
      socket.send(JSON.stringify({ id: next, method, params }));
    });
  try {
    await send('HeapProfiler.collectGarbage');
    const usage = (await send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    // Memory V8 knows of outside its heap (Buffers and ArrayBuffers among it), from the process itself.
    const external = (await send('Runtime.evaluate', {
      expression: 'process.memoryUsage().external',
      returnByValue: true,
    })) as { result?: { value?: number } };
    const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
    return {
      usedMb: mb(usage.usedSize),
      totalMb: mb(usage.totalSize),
      externalMb: mb(external.result?.value ?? 0),
    };
  } finally {
    socket.close();
  }
}
