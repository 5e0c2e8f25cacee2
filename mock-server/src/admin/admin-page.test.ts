// The routes behind the admin web page and the served specs (contract §4), over HTTP with supertest.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import request from 'supertest'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { createMockServer } from '../server.js'
import { specsDirectory } from '../../../lib/spec/validation.js'

const { app } = createMockServer({ timeScale: 'manual', vendors: ['kie', 'xenodia'] })

describe('the admin web page', () => {
  it.each(['/__admin', '/__admin/', '/__admin/ui', '/__admin/ui/'])('is served at %s with a script-only-from-self policy', async (url) => {
    const response = await request(app).get(url).expect(200)
    expect(response.type).toBe('text/html')
    expect(response.text).toContain('<script type="module" src="/__admin/ui/app.js"></script>')
    expect(response.text).toContain('data-vendors="[&quot;kie&quot;,&quot;xenodia&quot;]"')
    expect(response.headers['content-security-policy']).toContain("script-src 'self'")
    expect(response.headers['x-content-type-options']).toBe('nosniff')
  })

  it('serves its script and stylesheet with their types, and nothing else from its folder', async () => {
    expect((await request(app).get('/__admin/ui/app.js').expect(200)).type).toBe('text/javascript')
    expect((await request(app).get('/__admin/ui/style.css').expect(200)).type).toBe('text/css')
    for (const url of ['/__admin/ui/index.html', '/__admin/ui/constructor', '/__admin/ui/..%2fadmin-page.ts']) {
      const response = await request(app).get(url)
      expect(response.status).toBe(404)
      expect(response.type).toBe('application/problem+json')
    }
  })
})

describe('the served specs', () => {
  it('serves each served vendor spec and the admin spec as written, in YAML', async () => {
    for (const name of ['kie', 'xenodia', 'admin']) {
      const response = await request(app).get(`/__admin/specs/${name}.openapi.yaml`).expect(200)
      expect(response.type).toBe('application/yaml')
      expect(response.text).toBe(await readFile(path.join(specsDirectory(), `${name}.openapi.yaml`), 'utf8'))
    }
  })

  it('serves the same documents as JSON', async () => {
    const response = await request(app).get('/__admin/specs/kie.openapi.json').expect(200)
    expect(response.type).toBe('application/json')
    expect(response.body).toEqual(parse(await readFile(path.join(specsDirectory(), 'kie.openapi.yaml'), 'utf8')))
  })

  it('answers a problem for a vendor it does not serve, an unknown name or a path trick', async () => {
    const missing = await request(app).get('/__admin/specs/apixo.openapi.yaml').expect(404)
    expect(missing.body.detail).toBe('No spec apixo.openapi.yaml is served; served specs are admin, kie, xenodia (.openapi.yaml or .openapi.json)')
    await request(app).get('/__admin/specs/kie.yaml').expect(400)
    await request(app).get('/__admin/specs/..%2F..%2Fpackage.json').expect(400)
  })

  it('is where /__admin/health points each vendor', async () => {
    const health = await request(app).get('/__admin/health').expect(200)
    for (const vendor of health.body.vendors as Array<{ specUrl: string }>) await request(app).get(vendor.specUrl).expect(200)
  })
})
