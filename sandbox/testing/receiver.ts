// Test helper: the partner's webhook endpoint. HTTPS that requires a client certificate from the Verestro CA.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { CertPaths } from '../../scripts/certs';

export interface ReceivedCall {
  path: string;
  body: any;
  clientCertCn: string | undefined;
  clientCertIssuerCn: string | undefined;
  at: number;
}

/** What to do with the n-th call (0-based): answer a status, or 'hang' / 'reset'. */
export type Responder = (call: ReceivedCall, index: number) => number | 'hang' | 'reset';

export async function startReceiver(certs: CertPaths, responder: Responder = () => 204) {
  const calls: ReceivedCall[] = [];
  const hanging = new Set<ServerResponse>();
  let respond = responder;
  const server = createServer(
    {
      // The receiver reuses the sandbox server certificate (localhost); the sandbox trusts it via webhookCaFile.
      key: readFileSync(certs.sandboxServerKey),
      cert: readFileSync(certs.sandboxServerCert),
      ca: readFileSync(certs.verestroCa),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        const call: ReceivedCall = {
          path: req.url ?? '',
          body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'),
          clientCertCn: peer?.subject?.CN as string | undefined,
          clientCertIssuerCn: peer?.issuer?.CN as string | undefined,
          at: Date.now(),
        };
        calls.push(call);
        const action = respond(call, calls.length - 1);
        if (action === 'hang') hanging.add(res);
        else if (action === 'reset') req.socket.destroy();
        else {
          res.statusCode = action;
          res.end();
        }
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `https://localhost:${port}`,
    calls,
    setResponder(next: Responder) {
      respond = next;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function waitFor<T>(probe: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
