import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CounterHandle, GaugeReader, HistogramHandle, MetricRegistry } from './metrics';

/** The metric registry on prom-client: one Registry per app (tests start several apps in one process). */
export class PrometheusRegistry implements MetricRegistry {
  private readonly registry = new Registry();

  constructor(options: { processMetrics?: boolean } = {}) {
    // Process metrics (resident memory, CPU, event loop lag, heap), prefixed as prom-client names them.
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  counter(name: string, help: string, labelNames: readonly string[]): CounterHandle {
    const counter = new Counter({ name, help, labelNames, registers: [this.registry] });
    return { inc: (labels, by = 1) => counter.inc(labels, by) };
  }

  histogram(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]): HistogramHandle {
    const histogram = new Histogram({ name, help, labelNames, buckets: [...buckets], registers: [this.registry] });
    return { observe: (labels, value) => histogram.observe(labels, value) };
  }

  gauge(name: string, help: string, labelNames: readonly string[], read: GaugeReader): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        // A reading that fails (storage down) leaves the gauge empty for this scrape; /readyz tells why.
        const samples = await Promise.resolve()
          .then(read)
          .catch(() => []);
        for (const sample of samples) this.set(sample.labels, sample.value);
      },
    });
  }

  async render(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
