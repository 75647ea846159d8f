import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of this process; one registry per application instance. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'vitrines_http_requests_total',
    help: 'HTTP requests served, by method, route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'vitrines_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly syncRuns = new Counter({
    name: 'vitrines_sync_runs_total',
    help: 'Shop synchronisations finished, by platform and status.',
    labelNames: ['platform', 'status'] as const,
    registers: [this.registry],
  });

  readonly syncDuration = new Histogram({
    name: 'vitrines_sync_run_duration_seconds',
    help: 'Duration of shop synchronisations, by platform.',
    labelNames: ['platform'] as const,
    buckets: [1, 5, 15, 30, 60, 120, 300, 900, 1800],
    registers: [this.registry],
  });

  readonly productsIndexed = new Counter({
    name: 'vitrines_products_indexed_total',
    help: 'Product documents written to the search index (created or updated).',
    registers: [this.registry],
  });

  readonly productsInIndex = new Gauge({
    name: 'vitrines_products_in_index',
    help: 'Products currently known to the index, all shops together.',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'vitrines_' });
  }
}
