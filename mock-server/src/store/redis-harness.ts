// A real redis-server and a round-robin proxy on 127.0.0.1, for the shared-state tests and
// bench/replicas.mjs. Each run starts its own redis-server on a free port (never a system
// service) and stops it. scripts/setup-system.sh installs the Debian package.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'

export interface RedisProcess {
  url: string
  port: number
  /** Its process id (bench/replicas.mjs reads its CPU time). */
  pid: number | undefined
  /** Stops it (SIGKILL: tests also use this to lose the store at run time). */
  stop(): Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

function redisServerPath(): string {
  for (const candidate of ['redis-server', '/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' })
      return candidate
    } catch {
      // next
    }
  }
  throw new Error('Failed to start redis-server: it is not installed; run `bash scripts/setup-system.sh` (Debian package redis-server)')
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Failed to start redis-server on port ${port}: it exited with ${child.exitCode}`)
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.write('PING\r\n')
        socket.once('data', (data) => {
          socket.destroy()
          resolve(data.toString().startsWith('+PONG'))
        })
      })
      socket.once('error', () => resolve(false))
    })
    if (ok) return
    if (Date.now() > end) throw new Error(`Failed to start redis-server on port ${port}: no answer within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** Starts a throw-away redis-server (no persistence) on a free loopback port, or on `port`. */
export async function startRedis(port?: number): Promise<RedisProcess> {
  const bin = redisServerPath()
  const chosen = port ?? (await freePort())
  const child = spawn(bin, ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
    stdio: 'ignore',
  })
  await waitForPort(chosen, child, 5000)
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGKILL')
      }),
  }
}

export interface RoundRobinProxy {
  url: string
  /** Which target answered each request, in order (indexes into targets). */
  served: number[]
  close(): Promise<void>
}

/**
 * A minimal load balancer: each request goes to the next target in turn; a target that refuses
 * the connection is skipped (a dead replica), as a load balancer's health check would. `targets`
 * may be filled after the proxy starts (replicas need the proxy's URL as their public URL).
 */
export async function startRoundRobinProxy(targets: string[]): Promise<RoundRobinProxy> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
  const served: number[] = []
  let next = 0
  const forward = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, tries: number): void => {
    const index = next++ % targets.length
    const target = new URL(targets[index] as string)
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      served.push(index)
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => {
      if (tries + 1 < targets.length) return forward(req, res, body, tries + 1)
      res.writeHead(502, { 'content-type': 'text/plain' })
      res.end('no replica answered')
    })
    upstream.end(body)
  }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => forward(req, res, Buffer.concat(chunks), 0))
  })
  server.keepAliveTimeout = 65_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise((resolve) => {
        agent.destroy()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * A connection-level (layer 4) round-robin balancer, as nginx `stream` or HAProxy `mode tcp` do:
 * each new client connection goes to the next target and stays there; bytes are piped without
 * parsing HTTP, so the balancer costs little next to the replicas (bench/replicas.mjs measures
 * throughput through it; startRoundRobinProxy spreads single requests, for the tests).
 */
export async function startConnectionProxy(targets: readonly string[]): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    const target = new URL(targets[next++ % targets.length] as string)
    const upstream = net.connect(Number(target.port), target.hostname)
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true)
      sockets.add(socket)
      socket.once('close', () => sockets.delete(socket))
    }
    client.pipe(upstream).on('error', () => client.destroy())
    upstream.pipe(client).on('error', () => upstream.destroy())
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

export interface ReplicaProcess {
  url: string
  pid: number | undefined
  /** Kills the process at once (SIGKILL): a replica that dies mid-run. */
  kill(): Promise<void>
  /** Asks it to stop (SIGTERM) and waits. */
  stop(): Promise<void>
  stderr(): string
}

/** The built CLI, as package.json's bin names it (a test that needs it fails clearly without a build). */
export function builtCli(root: string): string {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }
  const cli = path.join(root, pkg.bin.veomock as string)
  if (!existsSync(cli)) throw new Error(`Failed to find the built CLI at ${cli}: run npm run build first`)
  return cli
}

/** Starts `veomock serve <args>` on a free port and waits for its "serving on <url>" line. */
export function startReplica(cli: string, args: readonly string[], timeoutMs = 20_000): Promise<ReplicaProcess> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const signal = (name: NodeJS.Signals) => async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name)
    await exited
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`Failed to start a replica: no "serving on" line within ${timeoutMs} ms; stderr: ${err}`))
    }, timeoutMs)
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      const url = /serving on (http:\/\/\S+)/.exec(out)?.[1]
      if (!url) return
      clearTimeout(timer)
      child.stdout.removeAllListeners('data')
      child.stdout.resume()
      resolve({ url, pid: child.pid, kill: signal('SIGKILL'), stop: signal('SIGTERM'), stderr: () => err })
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`Failed to start a replica: it exited with ${code}; stderr: ${err.trim()}`))
    })
  })
}
