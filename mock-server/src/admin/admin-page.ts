// The admin web page of contract §4 (GET /__admin, /__admin/ui) and the specs the mock serves
// (GET /__admin/specs/<vendor>.openapi.yaml and .json). The page is static: ui/index.html,
// ui/app.js and ui/style.css, copied next to this file's compiled form by `npm run build`.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import express, { type Request, type Response, type Router } from 'express'
import type { MockEngine } from '../core/engine.js'
import { SCENARIOS } from '../../../lib/scenarios.js'
import { specsDirectory } from '../../../lib/spec/validation.js'

const uiDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ui')

const ASSETS: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
}

// Scripts and styles from this origin only; the page sets styles through the CSSOM, never inline.
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
}

const escapeAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

const cache = new Map<string, Promise<string>>()
function read(file: string): Promise<string> {
  let text = cache.get(file)
  if (!text) {
    text = readFile(file, 'utf8')
    text.catch(() => cache.delete(file))
    cache.set(file, text)
  }
  return text
}

/** The spec's JSON form: the copy `npm run build` wrote to dist/specs, else parsed from the YAML. */
async function specJson(name: string): Promise<string> {
  const built = path.join(specsDirectory(), '..', 'dist', 'specs', `${name}.openapi.json`)
  if (existsSync(built)) return read(built)
  const yamlText = await read(path.join(specsDirectory(), `${name}.openapi.yaml`))
  const { parse } = await import('yaml')
  return JSON.stringify(parse(yamlText))
}

function notServed(req: Request, res: Response, detail: string): void {
  res
    .status(404)
    .type('application/problem+json')
    .send(JSON.stringify({ type: 'https://veomock.dev/problems/not-found', title: 'Not Found', status: 404, detail, instance: req.originalUrl }))
}

export function createAdminPageRouter(engine: MockEngine): Router {
  const router = express.Router()
  const page = async (req: Request, res: Response) => {
    const template = await read(path.join(uiDirectory, 'index.html'))
    const html = template
      .replaceAll('{{admin}}', escapeAttribute(req.baseUrl))
      .replaceAll('{{vendors}}', escapeAttribute(JSON.stringify(engine.vendorIds)))
      .replaceAll('{{scenarios}}', escapeAttribute(JSON.stringify(SCENARIOS)))
    res.set(PAGE_HEADERS).type('text/html; charset=utf-8').send(html)
  }
  router.get(['/', '/ui'], page)
  router.get('/ui/:asset', async (req, res) => {
    const type = Object.hasOwn(ASSETS, req.params.asset as string) ? ASSETS[req.params.asset as string] : undefined
    if (!type) return notServed(req, res, `The admin page has no file ${req.params.asset}; it has ${Object.keys(ASSETS).join(', ')}`)
    res
      .set(PAGE_HEADERS)
      .type(type)
      .send(await read(path.join(uiDirectory, req.params.asset as string)))
  })

  // Every served vendor's spec and the admin spec, as written (YAML, with its comments) or as JSON.
  router.get('/specs/:file', async (req, res) => {
    const match = /^([a-z0-9-]+)\.openapi\.(yaml|json)$/.exec(req.params.file as string)
    const specs = new Set(['admin', ...engine.vendorIds.map((id) => engine.dialect(id)?.spec ?? id)])
    if (!match || !specs.has(match[1] as string))
      return notServed(req, res, `No spec ${req.params.file} is served; served specs are ${[...specs].join(', ')} (.openapi.yaml or .openapi.json)`)
    const [, name, format] = match as unknown as [string, string, 'yaml' | 'json']
    res.set('cache-control', 'no-cache')
    if (format === 'yaml') res.type('application/yaml; charset=utf-8').send(await read(path.join(specsDirectory(), `${name}.openapi.yaml`)))
    else res.type('application/json; charset=utf-8').send(await specJson(name))
  })
  return router
}
