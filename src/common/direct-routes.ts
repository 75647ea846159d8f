import { CanActivate, INestApplication, Logger, RequestMethod, Type } from '@nestjs/common';
import { HEADERS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModuleRef } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import proxyaddr from 'proxy-addr';
import { MetricsService } from '../metrics/metrics.service';
import { errorReply } from './http-exception.filter';
import { PublicThrottlerGuard } from './public-throttler.guard';

/** A connect-style middleware that uses nothing of Express's request and response (compression). */
type Middleware = (req: any, res: any, next: (e?: unknown) => void) => void;

/** A controller's GET handler whose only input is the query string (its single `@Query()`). */
export interface DirectRoute<T = any> {
  controller: Type<T>;
  handler: keyof T & string;
}

export interface DirectPipeline {
  /** Headers every response carries (helmet's, recorded once). */
  headers: Array<[string, string]>;
  /** The same compression middleware instance Express uses. */
  compress: Middleware;
}

interface Resolved {
  path: string;
  controller: Type;
  method: (...args: unknown[]) => unknown;
  invoke: (query: unknown) => Promise<unknown>;
  headers: Array<[string, string]>;
}

/**
 * Serves a few hot public GET routes (the residents' search and suggestions) straight
 * from the HTTP server, in front of Express. Express's router, its dozen middleware
 * layers and Nest's execution context cost about a third of our CPU per search, and
 * every millisecond of it comes out of the search engine's share of the machine.
 *
 * Nothing else changes for these routes: the controller method is the one Nest would
 * call, and the response gets what Express would give it — security headers, the
 * @Header() values, compression, the public rate limit (the same guard and
 * counters), request metrics, errors in the usual shape. Other methods (HEAD) and any
 * other path go to Express as before; the controller keeps documenting the route.
 */
export function serveDirectly(app: INestApplication, routes: DirectRoute[], pipeline: DirectPipeline): void {
  const logger = new Logger('HTTP');
  const express = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  const byPath = new Map(routes.map((r) => resolve(app, r)).map((r) => [r.path, r]));
  let guard: Promise<CanActivate> | undefined;
  const throttler = () =>
    (guard ??= app
      .get(ModuleRef)
      .create(PublicThrottlerGuard)
      .then(async (g) => {
        await g.onModuleInit();
        return g;
      }));

  const serve = async (route: Resolved, req: IncomingMessage, res: ServerResponse, query: string) => {
    const endTimer = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      metrics.httpRequests.inc({ method: 'GET', route: route.path, status: String(res.statusCode) });
      endTimer({ method: 'GET', route: route.path });
    });
    for (const [name, value] of pipeline.headers) res.setHeader(name, value);
    pipeline.compress(req, res, () => undefined);
    try {
      // The guard reads req.ip and req.path as it would on an Express request.
      Object.assign(req, { ip: proxyaddr(req, express.get('trust proxy fn')), path: route.path });
      await (await throttler()).canActivate(new ExecutionContextHost([req, res], route.controller, route.method));
      const result = await route.invoke(express.get('query parser fn')(query));
      for (const [name, value] of route.headers) res.setHeader(name, value);
      sendJson(res, 200, result);
    } catch (e) {
      if (res.headersSent) return void res.destroy();
      const reply = errorReply(e, logger);
      sendJson(res, reply.status, reply.body);
    }
  };

  const server: Server = app.getHttpServer();
  const toExpress = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const route = req.method === 'GET' ? byPath.get(mark < 0 ? url : url.slice(0, mark)) : undefined;
    if (route) void serve(route, req, res, mark < 0 ? '' : url.slice(mark + 1));
    else for (const listener of toExpress) listener.call(server, req, res);
  });
}

/** Path, method and @Header() values as the controller's decorators declare them. */
function resolve(app: INestApplication, route: DirectRoute): Resolved {
  const method = route.controller.prototype[route.handler] as (...args: unknown[]) => unknown;
  if (Reflect.getMetadata(METHOD_METADATA, method) !== RequestMethod.GET) {
    throw new Error(`${route.controller.name}.${route.handler} is not a GET route`);
  }
  const parts = [Reflect.getMetadata(PATH_METADATA, route.controller), Reflect.getMetadata(PATH_METADATA, method)];
  const path = `/${parts.flatMap((p: string | undefined) => (p ?? '').split('/')).filter(Boolean).join('/')}`;
  const instance = app.get(route.controller);
  const headers = ((Reflect.getMetadata(HEADERS_METADATA, method) ?? []) as Array<{ name: string; value: string }>).map(
    (h): [string, string] => [h.name, h.value],
  );
  return { path, controller: route.controller, method, invoke: async (query) => method.call(instance, query), headers };
}

/**
 * As Express's res.json, without an ETag: every answer carries its own processing time,
 * so no two are alike and a validator would never match (Cache-Control does the caching).
 */
function sendJson(res: ServerResponse, status: number, value: unknown): void {
  // Written as a string: Node encodes it as it writes, with no Buffer made for it here.
  const body = JSON.stringify(value);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body, 'utf8');
}
