// A route table: method + path pattern (`:name` segments) → handler. No framework needed for ~35 routes.
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxCore } from '../core';

export interface RequestContext {
  core: SandboxCore;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  corporationId: string;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
}

export type Handler = (ctx: RequestContext) => HandlerResult | Promise<HandlerResult>;

interface CompiledRoute {
  method: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
}

export type RouteMatch = { handler: Handler; params: Record<string, string> } | { methodNotAllowed: true } | null;

export class Router {
  private readonly routes: CompiledRoute[] = [];

  on(method: string, pattern: string, handler: Handler): this {
    const names: string[] = [];
    const source = pattern
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, regex: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      if (route.method !== method) {
        pathMatched = true;
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = safeDecode(m[i + 1])));
      return { handler: route.handler, params };
    }
    return pathMatched ? { methodNotAllowed: true } : null;
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed escapes simply name no known id → 404
  }
}
