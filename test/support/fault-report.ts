import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const directory = join(import.meta.dirname, '..', '..', 'test-artifacts', 'faults');

/** Keeps what a fault suite measured (timings, in-flight and per-minute peaks) for the people reading the run. */
export async function writeFaultReport(name: string, report: unknown): Promise<void> {
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
}
