import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for the Marketplace host (XM Cloud Pages / the Cloud Portal) that frames an extension in a
// sandboxed iframe and speaks the postMessage protocol of @sitecore-marketplace-sdk/core 0.3.5 (read
// from its PostMessageBridge and HandshakeManager): every message carries
// source: 'sitecore-marketplace-sdk'; the client sends {type:'handshake', event:'handshake:init',
// handshakeType:'request'} and the host answers {type:'handshake', event:'handshake:response',
// handshakeType:'response', success:true} with the same id; requests are {type:'request', action,
// payload} answered by {type:'response', id, success, data}; subscriptions receive
// {type:'event', event, payload}. The client's query('pages.context') asks 'pages.context:query'.

const hostScript = (panelUrl: string, contexts: unknown[]) => `
const PANEL_URL = ${JSON.stringify(panelUrl)};
const panelOrigin = new URL(PANEL_URL).origin;
const contexts = ${JSON.stringify(contexts)};
const SOURCE = 'sitecore-marketplace-sdk';
let current = 0;
window.received = [];
const iframe = document.createElement('iframe');
iframe.src = PANEL_URL;
iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups');
iframe.style.cssText = 'width:360px;height:520px;border:1px solid #ccc';
document.body.append(iframe);
const send = (message) => iframe.contentWindow.postMessage({ ...message, source: SOURCE, timestamp: Date.now() }, panelOrigin);
window.addEventListener('message', (event) => {
  if (event.origin !== panelOrigin || event.source !== iframe.contentWindow) return;
  const m = event.data;
  if (!m || m.source !== SOURCE) return;
  window.received.push({ type: m.type, event: m.event, action: m.action, handshakeType: m.handshakeType, sdkType: m.sdkType });
  if (m.type === 'handshake' && m.handshakeType === 'request' && m.event === 'handshake:init') {
    send({ id: m.id, type: 'handshake', event: 'handshake:response', handshakeType: 'response', sdkType: 'host', success: true, version: m.version });
  } else if (m.type === 'request' && m.action === 'pages.context:query') {
    send({ id: m.id, type: 'response', success: true, data: contexts[current] });
  } else if (m.type === 'request') {
    send({ id: m.id, type: 'response', success: false, error: { code: 'METHOD_NOT_FOUND', message: 'No handler for ' + m.action } });
  }
});
window.switchPage = (index) => {
  current = index;
  send({ id: crypto.randomUUID(), type: 'event', event: 'pages.context', payload: contexts[index] });
};
`;

export type MarketplaceHost = {
  readonly url: string;
  readonly origin: string;
  /** The host page framing `panelUrl`, offering `contexts` as pages.context (index 0 first). */
  pageFor(panelUrl: string, contexts: unknown[]): string;
  close(): Promise<void>;
};

export async function startMarketplaceHost(): Promise<MarketplaceHost> {
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const id = new URL(req.url ?? '/', 'http://host').searchParams.get('page') ?? '';
    const html = pages.get(id);
    if (!html) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    origin,
    pageFor(panelUrl, contexts) {
      const id = String(pages.size + 1);
      pages.set(
        id,
        `<!doctype html><html><head><title>XM Cloud Pages (stand-in)</title></head><body><h1>Editor</h1><script>${hostScript(panelUrl, contexts)}</script></body></html>`,
      );
      return `${origin}/?page=${id}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
