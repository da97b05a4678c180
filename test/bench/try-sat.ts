import { measureSaturation } from './saturation.ts';
try {
  console.log(
    JSON.stringify(await measureSaturation({ orders: 1500, batchSize: 50, minuteMs: 20000, seed: 11 })),
  );
} catch (e) {
  console.error('ERR', e, (e as Error).stack);
}
process.exit(0);
