// PLACEHOLDER while the kie dialect is being written; replaced by the real dialect.
import type { Dialect } from '../../core/dialect.js'

export const kieDialect = {
  id: 'kie',
  spec: 'kie',
  title: 'kie',
  routes: [],
  taskId: (random) => random.hex(32),
  timings: { generate: { queued: { minMs: 1000, maxMs: 1000 }, running: { minMs: 1000, maxMs: 1000 } } },
  retentionMs: 86_400_000,
  initialCredits: 1000,
  defaultOptions: {},
  vendorState: (_task, view) => view.state,
  renderError: (error) => ({ status: 500, body: { error: error.message } }),
  callbacks: { policy: { timeoutMs: 10_000, retryDelaysMs: [], isDelivered: (s) => s >= 200 && s < 300 }, webhook: () => 'taskCallback', render: () => ({ event: 'x', body: {} }) },
} satisfies Dialect
