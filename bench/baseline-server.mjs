#!/usr/bin/env node
// A baseline target for bench.mjs, in its own process like veomock and Prism:
//   node bench/baseline-server.mjs express|floor <port> <METHOD> <route> <body-file>
// express: an Express 5 app with one route returning the precomputed body (the framework's ceiling);
// floor: a bare node:http server returning the same body for everything.
import { readFileSync } from 'node:fs'
import http from 'node:http'
import express from 'express'

const [kind, port, method, route, bodyFile] = process.argv.slice(2)
const body = readFileSync(bodyFile)
let handler
if (kind === 'express') {
  const app = express()
  app.disable('x-powered-by')
  app.disable('etag')
  app[method.toLowerCase()](route, (_req, res) => {
    res.setHeader('content-type', 'application/json; charset=utf-8')
    res.end(body)
  })
  handler = app
} else {
  handler = (req, res) => {
    req.resume()
    req.on('end', () => {
      res.setHeader('content-type', 'application/json; charset=utf-8')
      res.end(body)
    })
  }
}
http.createServer(handler).listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'))
