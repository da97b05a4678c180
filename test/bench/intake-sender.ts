import { createHmac } from 'node:crypto';
import { Agent, request } from 'undici';

// A separate process posts signed deliveries, so the load generator does not share the app's event loop.
const [target = '', hashKey = '', secondsText = '5', concurrencyText = '32', prefix = 'bench'] =
  process.argv.slice(2);
const agent = new Agent({ connections: Number(concurrencyText), pipelining: 1 });
const deadline = Date.now() + Number(secondsText) * 1000;
let sequence = 0;
let accepted = 0;
let refused = 0;
async function sender(): Promise<void> {
  while (Date.now() < deadline) {
    sequence += 1;
    const id = `${prefix}-${sequence}`;
    const body = JSON.stringify({
      Route: 'v1/orders/{direction}/{orderID}/submit',
      RouteParams: { direction: 'Incoming', orderID: id },
      QueryParams: {},
      Verb: 'POST',
      Date: new Date().toISOString(),
      LogID: id,
      UserToken: null,
      Request: { Body: null, Headers: {} },
      Response: { Body: { ID: id, Status: 'Open', Currency: 'AUD', Total: 10 }, Headers: {} },
      ConfigData: null,
    });
    const signature = createHmac('sha256', hashKey).update(body).digest('base64');
    const response = await request(target, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', 'x-oc-hash': signature },
      body,
    });
    await response.body.dump();
    if (response.statusCode === 202) accepted += 1;
    else refused += 1;
  }
}
await Promise.all(Array.from({ length: Number(concurrencyText) }, sender));
process.stdout.write(`${JSON.stringify({ accepted, refused })}\n`);
await agent.close();
