// Namespaces held by this process (contract §4.1): created on first use, forgotten by their own
// reset or after an idle time. The default namespace is never forgotten for idleness.
import { DEFAULT_NAMESPACE } from './namespace-path.js'

export interface NamespaceHandle {
  readonly name: string
  /** Real milliseconds of the last request, for the idle sweep. */
  lastUsed: number
  close(): void
}

export interface NamespaceInfo {
  name: string
  /** Held by this process (absent when a replica has not loaded the namespace). */
  tasks?: number
  requests?: number
  /** Real time of the last request (Unix ms). */
  lastUsedAt: number
}

export interface NamespaceRegistryOptions<N extends NamespaceHandle> {
  create(name: string): N
  /** Forget a named namespace after this many real milliseconds without a request; 0 = never. */
  idleMs: number
  /** At most this many namespaces besides the default one (memory is bounded). */
  maxNamespaces: number
  now(): number
}

export class TooManyNamespacesError extends Error {}

export class NamespaceRegistry<N extends NamespaceHandle> {
  private readonly items = new Map<string, N>()
  private readonly options: NamespaceRegistryOptions<N>

  constructor(options: NamespaceRegistryOptions<N>) {
    this.options = options
  }

  /** The namespace, created on first use; every call counts as use. */
  get(name: string): N {
    let ns = this.items.get(name)
    if (!ns) {
      if (name !== DEFAULT_NAMESPACE && this.items.size >= this.options.maxNamespaces + (this.items.has(DEFAULT_NAMESPACE) ? 1 : 0)) {
        this.sweep()
        if (this.items.size >= this.options.maxNamespaces + (this.items.has(DEFAULT_NAMESPACE) ? 1 : 0))
          throw new TooManyNamespacesError(
            `Failed to create namespace ${name}: ${this.options.maxNamespaces} namespaces are in use; reset finished ones (POST /ns/<name>/__admin/reset)`,
          )
      }
      ns = this.options.create(name)
      this.items.set(name, ns)
    }
    ns.lastUsed = this.options.now()
    return ns
  }

  peek(name: string): N | undefined {
    return this.items.get(name)
  }

  remove(name: string): void {
    const ns = this.items.get(name)
    if (!ns) return
    this.items.delete(name)
    ns.close()
  }

  list(): N[] {
    return [...this.items.values()]
  }

  /** Forgets named namespaces idle for longer than idleMs; returns their names. */
  sweep(): string[] {
    const { idleMs } = this.options
    if (!(idleMs > 0)) return []
    const now = this.options.now()
    const gone: string[] = []
    for (const ns of this.items.values()) if (ns.name !== DEFAULT_NAMESPACE && now - ns.lastUsed > idleMs) gone.push(ns.name)
    for (const name of gone) this.remove(name)
    return gone
  }

  closeAll(): void {
    for (const name of [...this.items.keys()]) this.remove(name)
  }
}
