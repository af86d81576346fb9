// The Sparados sandbox: one mTLS HTTPS listener for /secure, /thc and /_sandbox (SANDBOX.md).
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import { certPaths, ensureCerts } from '../scripts/certs';
import { configFromEnv, type SandboxConfig } from './config';
import { SandboxCore } from './core';
import { scheduleAutoDelivery } from './domain/approvals/service';
import { runDueTransitions } from './domain/approvals/timeline';
import { SandboxClock } from './domain/clock';
import { loadCorporation } from './fixtures/corporation';
import { ApiError, errorBody } from './http/errors';
import { FaultTable, type Fault } from './http/faults';
import { IdempotencyCache, fingerprint } from './http/idempotency';
import { readJsonBody, sendJson } from './http/io';
import { Router, type HandlerResult } from './http/router';
import { OutboundSender } from './outbound/sender';
import { controlRoutes } from './routes/control';
import { secureRoutes } from './routes/secure';
import { thcRoutes } from './routes/thc';
import { MEMORY, SnapshotWriter, loadSnapshot } from './store/persistence';
import { Store } from './store/store';

export interface StartSandboxOptions {
  port?: number;
  host?: string;
  stateFile?: string;
  certsDir?: string;
  retryScale?: number;
  webhookUrls?: { transactions?: string; threeDs?: string; wallet?: string };
  webhookCaFile?: string;
  webhookTimeoutMs?: number;
  reapprovalExpiryMs?: number;
  createReply?: SandboxConfig['createReply'];
  contract?: SandboxConfig['contract'];
  log?: (line: string) => void;
}

export interface RunningSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
}

const TICK_MS = 1_000;
/** Full API endpoints (API-REFERENCE §4–§5): users and card data. */
const FULL_API_PATH = /^\/secure\/(users|cards)(\/|$)/;
/** A `timeout` fault holds the request this long before dropping it, so nothing leaks forever. */
const HELD_REQUEST_MS = 300_000;

function resolveConfig(options: StartSandboxOptions): SandboxConfig {
  const env = configFromEnv();
  return {
    ...env,
    port: options.port ?? env.port,
    host: options.host ?? env.host,
    stateFile: options.stateFile ?? env.stateFile,
    certsDir: options.certsDir ?? env.certsDir,
    retryScale: options.retryScale ?? env.retryScale,
    webhookUrls: options.webhookUrls ?? env.webhookUrls,
    webhookCaFile: options.webhookCaFile ?? env.webhookCaFile,
    webhookTimeoutMs: options.webhookTimeoutMs ?? env.webhookTimeoutMs,
    reapprovalExpiryMs: options.reapprovalExpiryMs ?? env.reapprovalExpiryMs,
    createReply: options.createReply ?? env.createReply,
    contract: options.contract ?? env.contract,
  };
}

function splitUrl(rawUrl: string): { path: string; query: URLSearchParams } {
  const q = rawUrl.indexOf('?');
  let path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return { path, query: new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1)) };
}

/** The corporation is the OU of the client certificate; read once per TLS connection. */
const corporationBySocket = new WeakMap<TLSSocket, string | null>();
function corporationOf(socket: TLSSocket): string | null {
  let corporation = corporationBySocket.get(socket);
  if (corporation === undefined) {
    const ou = socket.getPeerCertificate()?.subject?.OU;
    corporation = (Array.isArray(ou) ? ou[0] : ou) ?? null;
    corporationBySocket.set(socket, corporation);
  }
  return corporation;
}

export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const config = resolveConfig(options);
  const log = options.log ?? ((line: string) => console.log(`[sandbox] ${line}`));
  // Only when files are missing: a set made for another corporation (tests of the 403 path) stays as it is.
  const paths = certPaths(config.certsDir);
  const certs = Object.values(paths).every((p) => existsSync(p)) ? paths : await ensureCerts(config.certsDir);
  const corporation = loadCorporation();

  const store = new Store(corporation);
  try {
    store.load(loadSnapshot(config.stateFile));
  } catch (error) {
    throw new Error(`Cannot read sandbox state ${config.stateFile}: ${(error as Error).message}. Move it away to start with an empty sandbox.`);
  }
  const clock = new SandboxClock(store.clockOffsetMs);
  const outbound = new OutboundSender(store, {
    certFile: certs.webhookClientCert,
    keyFile: certs.webhookClientKey,
    caFile: config.webhookCaFile,
    retryScale: config.retryScale,
    timeoutMs: config.webhookTimeoutMs,
    log,
  });
  const core = new SandboxCore(store, clock, corporation, outbound, {
    reapprovalExpiryMs: config.reapprovalExpiryMs,
    webhookUrls: config.webhookUrls,
    createReply: config.createReply,
    contract: config.contract,
    log,
  });
  const writer = new SnapshotWriter(
    config.stateFile,
    () => {
      store.clockOffsetMs = clock.offsetMs;
      return JSON.stringify(store.snapshot());
    },
    (error) => log(`writing state failed: ${(error as Error).message}`),
  );
  store.onChange = () => writer.schedule();

  const faults = new FaultTable();
  const idempotency = new IdempotencyCache(store);
  const router = new Router();
  secureRoutes(router);
  thcRoutes(router);
  controlRoutes(router, {
    faults,
    reset() {
      outbound.cancelAll();
      for (const timer of core.autoDeliverTimers.values()) clearTimeout(timer);
      core.autoDeliverTimers.clear();
      store.reset();
      clock.reset();
      faults.clear();
      store.changed();
    },
  });

  const held = new Set<ServerResponse>();

  function sendError(res: ServerResponse, error: ApiError, path: string): void {
    sendJson(res, error.status, errorBody(error, path, clock.now()));
  }

  function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse, path: string): void {
    switch (fault.mode) {
      case 'status':
        sendError(res, new ApiError(fault.status, 'INJECTED_FAULT', `Injected fault ${fault.id}`), path);
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'timeout': {
        held.add(res);
        const timer = setTimeout(() => res.destroy(), HELD_REQUEST_MS);
        timer.unref();
        res.on('close', () => {
          clearTimeout(timer);
          held.delete(res);
        });
        return;
      }
      case 'latency':
      case 'ignore_idempotency':
        return;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const { path, query } = splitUrl(req.url ?? '/');
    const corporationId = corporationOf(req.socket as TLSSocket);
    if (!corporationId || !core.isCorporation(corporationId)) {
      req.resume();
      sendError(res, new ApiError(403, 'FORBIDDEN', `Client certificate OU ${corporationId ?? '(none)'} is not a known corporation`), path);
      return;
    }
    if (config.contract === 'simple' && FULL_API_PATH.test(path)) {
      req.resume();
      sendError(res, new ApiError(403, 'FULL_API_NOT_CONTRACTED', `The Full API is not part of corporation ${corporationId}'s contract`), path);
      return;
    }
    const faultable = !path.startsWith('/_sandbox') && faults.size > 0;
    let ignoreIdempotency = false;
    if (faultable) {
      const decision = faults.decide(method, path, 'before');
      ignoreIdempotency = decision.ignoreIdempotency;
      if (decision.latencyMs > 0) await sleep(decision.latencyMs);
      if (decision.terminal) {
        req.resume();
        applyFault(decision.terminal, req, res, path);
        return;
      }
    }
    let result: HandlerResult;
    let replayed = false;
    try {
      const match = router.match(method, path);
      if (!match) throw new ApiError(404, 'NOT_FOUND', `No endpoint ${method} ${path}`);
      if ('methodNotAllowed' in match) throw new ApiError(405, 'METHOD_NOT_ALLOWED', `Method ${method} is not allowed on ${path}`);
      const body = method === 'GET' || method === 'HEAD' ? (req.resume(), undefined) : await readJsonBody(req);
      const key = (method === 'POST' || method === 'PUT') && !ignoreIdempotency ? req.headers['x-idempotency-key'] : undefined;
      const idempotencyKey = typeof key === 'string' && key !== '' ? key : null;
      const print = idempotencyKey ? fingerprint(method, path, body) : '';
      const replay = idempotencyKey ? idempotency.lookup(corporationId, idempotencyKey, print) : null;
      if (replay) {
        result = replay;
        replayed = true;
      } else {
        try {
          result = await match.handler({ core, method, path, params: match.params, query, headers: req.headers, body, corporationId });
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          result = { status: error.status, body: errorBody(error, path, clock.now()) };
        }
        if (idempotencyKey && result.status < 500) {
          idempotency.remember(corporationId, idempotencyKey, print, { status: result.status, body: result.body === undefined ? undefined : JSON.parse(JSON.stringify(result.body)) });
        }
      }
    } catch (error) {
      if (error instanceof ApiError) result = { status: error.status, body: errorBody(error, path, clock.now()) };
      else {
        log(`${method} ${path} failed: ${(error as Error).stack ?? String(error)}`);
        result = { status: 500, body: errorBody(new ApiError(500, 'INTERNAL_ERROR', 'Internal sandbox error'), path, clock.now()) };
      }
    }
    if (faultable) {
      const decision = faults.decide(method, path, 'after');
      if (decision.latencyMs > 0) await sleep(decision.latencyMs);
      if (decision.terminal) {
        applyFault(decision.terminal, req, res, path);
        return;
      }
    }
    sendJson(res, result.status, result.body, replayed ? { 'idempotent-replayed': 'true' } : {});
    if (config.logRequests) log(`${method} ${path} ${result.status} ${(performance.now() - started).toFixed(1)}ms`);
  }

  const server: Server = createServer(
    {
      key: readFileSync(certs.sandboxServerKey),
      cert: readFileSync(certs.sandboxServerCert),
      ca: readFileSync(certs.sandboxCa),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        log(`request handling crashed: ${(error as Error).stack ?? String(error)}`);
        if (!res.headersSent) res.destroy();
      });
    },
  );
  // Clients keep connections in a pool; do not close them under their feet after Node's 5 s default.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  outbound.resume();
  for (const approval of store.approvalOrder) scheduleAutoDelivery(core, approval);
  runDueTransitions(core);
  const tick = setInterval(() => runDueTransitions(core), TICK_MS);
  tick.unref();

  let closing: Promise<void> | null = null;
  return {
    url: `https://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        clearInterval(tick);
        for (const timer of core.autoDeliverTimers.values()) clearTimeout(timer);
        for (const res of held) res.destroy();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await outbound.close();
        // Always write on close, so the file exists and holds the latest clock offset.
        writer.schedule();
        await writer.flush();
        if (config.stateFile !== MEMORY) log(`state saved to ${config.stateFile}`);
      })();
      return closing;
    },
  };
}
