// The admin router through supertest (no socket of our own): answers, problems and validation
// against specs/admin.openapi.yaml, on a manual clock.
import request from 'supertest'
import { describe, expect, it } from 'vitest'
import { createMockServer } from '../server.js'

function app() {
  return createMockServer({ timeScale: 'manual', vendors: ['kie', 'odkkk'] }).app
}

describe('the admin API', () => {
  it('moves the virtual clock by exactly the amount asked and reads it back', async () => {
    const server = app()
    const before = (await request(server).get('/__admin/clock').expect(200)).body as { now: number; elapsedMs: number }
    const after = await request(server).post('/__admin/clock/advance').send({ ms: 90_000 }).expect(200)
    expect(after.body).toMatchObject({ now: before.now + 90_000, elapsedMs: 90_000, scale: 'manual' })
  })

  it('answers an unknown admin path with a 404 problem, not HTML', async () => {
    const response = await request(app()).get('/__admin/nothing').expect(404)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(response.body).toMatchObject({ status: 404, title: 'Not Found', instance: '/__admin/nothing' })
  })

  it('answers a wrong method with 405 naming the allowed ones', async () => {
    const response = await request(app()).delete('/__admin/clock').expect(405)
    expect(response.body.detail).toBe('DELETE is not allowed on /__admin/clock; use GET')
  })

  it('refuses a scenario rule that breaks the spec with 400 and the issue', async () => {
    const response = await request(app()).post('/__admin/scenarios').send({ scenario: 'no_such_scenario' }).expect(400)
    expect(response.body.detail).toMatch(/^Invalid admin request: \/scenario must be equal to one of the allowed values/)
  })

  it('refuses options for a vendor it does not serve', async () => {
    const response = await request(app())
      .patch('/__admin/options')
      .send({ apixo: { urlLifetimeMs: 1000 } })
      .expect(400)
    expect(response.body.detail).toBe('Vendor apixo is not served by this mock')
  })

  it('lists an added rule and forgets it on reset', async () => {
    const server = app()
    await request(server)
      .post('/__admin/scenarios')
      .send({ scenario: 'maintenance', match: { vendor: 'kie' }, times: 1 })
      .expect(201)
    expect((await request(server).get('/__admin/scenarios').expect(200)).body).toMatchObject({ rules: [{ scenario: 'maintenance', remaining: 1 }] })
    await request(server).post('/__admin/reset').expect(200)
    expect((await request(server).get('/__admin/scenarios').expect(200)).body).toMatchObject({ rules: [] })
  })
})
