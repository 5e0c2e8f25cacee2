// What the benchmarks need of the machine: a free local port, a process's resident memory.
import http from 'node:http'
import { readFileSync } from 'node:fs'

/** A port nothing listens on right now, on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve) => {
    const s = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid) {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024
}
