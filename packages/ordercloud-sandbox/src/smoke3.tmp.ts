import { generateOrders } from './generator/generate-orders.ts';
await generateOrders({ seed: 1, count: 40, profile: 'mixed' });
const t = Date.now();
for (let i = 0; i < 10; i++) await generateOrders({ seed: 100 + i, count: 40, profile: 'mixed' });
console.log('10x40 ms', Date.now() - t);
