// The admin web page in a real headless Chromium: it shows what the admin API holds, updates live,
// and its buttons move the clock, settle a task, add a rule and reset. Saves a screenshot to
// test-results/screenshots/admin-page.png for review.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMockServer, startMockServer } from '../server.js'
import { launchChromium, screenshotPath } from '../test-support/browser.js'
import { type CallbackReceiver, startCallbackReceiver } from '../test-support/callback-receiver.js'

let mock: RunningMockServer
let browser: Browser
let page: Page
let receiver: CallbackReceiver
const pageErrors: string[] = []

async function submitKie(prompt: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await fetch(`${mock.baseUrls.kie}/api/v1/veo/generate`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-live-secret-key', 'content-type': 'application/json' },
    body: JSON.stringify({ prompt, model: 'veo3_fast', aspect_ratio: '16:9', ...extra }),
  })
  return ((await response.json()) as { data: { taskId: string } }).data.taskId
}

const row = (taskId: string) => page.locator(`#tasks tr[data-task="${taskId}"]`)

beforeAll(async () => {
  ;[mock, browser, receiver] = await Promise.all([startMockServer({ port: 0, timeScale: 'manual' }), launchChromium(), startCallbackReceiver()])
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()))
  page.on('dialog', (dialog) => void dialog.accept())
})

afterAll(async () => {
  await browser?.close()
  await Promise.all([mock?.close(), receiver?.close()])
})

describe('the admin page', () => {
  it('lists tasks with their timelines, the journal and callback attempts, and updates live', async () => {
    const first = await submitKie('a red fox in snow', { callBackUrl: receiver.url })
    await page.goto(`${mock.url}/__admin`)
    await expect.poll(() => row(first).locator('.badge').textContent()).toBe('queued')
    await expect.poll(() => page.locator('#journal tbody tr').count()).toBe(1)
    // Live: a task submitted while the page is open appears without a reload.
    const second = await submitKie('a <script>alert(1)</script> cat [veomock:stuck]')
    await expect.poll(() => row(second).count()).toBe(1)
    await expect.poll(() => row(second).locator('td').nth(2).textContent()).toContain('stuck')
    expect(await row(first).locator('.timeline .running').count()).toBe(1)
    // The journal shows what clients sent as text: the prompt never becomes markup.
    expect(await page.locator('script:not([src])').count()).toBe(0)
  })

  it('moves the virtual clock with its buttons; the task and its callback show up', async () => {
    await fetch(`${mock.baseUrls.xenodia}/v1/videos/generations`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'veo3.1_fast', prompt: 'a product walkthrough', resolution: '720p' }),
    })
    const before = await page.locator('#clock-now').textContent()
    await page.getByRole('button', { name: '+10 min' }).click()
    await expect.poll(() => page.locator('#clock-now').textContent()).not.toBe(before)
    expect((await mock.admin.clock()).elapsedMs).toBe(600_000)
    const [first] = (await mock.admin.tasks({ vendor: 'kie' })).filter((t) => t.callbackUrl)
    await expect.poll(() => row(first!.id).locator('.badge').textContent()).toBe('succeeded')
    await expect.poll(() => page.locator('#callbacks tbody tr td').nth(1).locator('span').getAttribute('title')).toBe(first!.id)
  })

  it('finishes a task with the chosen outcome and shows its detail', async () => {
    const stuck = (await mock.admin.tasks({ state: 'running' }))[0]!
    const line = row(stuck.id)
    await line.locator('select').selectOption('content_violation')
    await line.getByRole('button', { name: 'Finish' }).click()
    await expect.poll(() => line.locator('.badge').textContent()).toBe('failed')
    expect((await mock.admin.task(stuck.id)).failure).toBe('content_violation')
    await line.click()
    await expect.poll(() => page.locator('#task-detail').textContent()).toContain('chosen by admin')
  })

  it('adds and deletes a scenario rule', async () => {
    await page.locator('#rule-scenario').selectOption('rate_limited')
    await page.locator('#rule-vendor').selectOption('kie')
    await page.locator('#rule-times').fill('2')
    await page.getByRole('button', { name: 'Add rule' }).click()
    await expect.poll(() => page.locator('#rules tbody tr td').first().textContent()).toBe('rate_limited')
    expect(await mock.admin.scenarios()).toMatchObject([{ scenario: 'rate_limited', match: { vendor: 'kie' }, times: 2 }])
    await page.screenshot({ path: await screenshotPath('admin-page.png'), fullPage: true })
    await page.locator('#rules').getByRole('button', { name: 'Delete' }).click()
    await expect.poll(() => mock.admin.scenarios()).toEqual([])
  })

  it('resets the mock and empties every table', async () => {
    await page.getByRole('button', { name: 'Reset' }).click()
    await expect.poll(() => page.locator('#tasks tbody td.empty').count()).toBe(1)
    await expect.poll(() => page.locator('#journal tbody td.empty').count()).toBe(1)
    expect((await mock.admin.health()).counts.tasks).toBe(0)
    // The journal starts over after a reset made elsewhere too.
    await submitKie('after reset')
    await expect.poll(() => page.locator('#journal tbody tr').count()).toBe(1)
    await expect.poll(() => page.locator('#journal tbody tr td').first().textContent()).toBe('1')
    expect(pageErrors).toEqual([])
  })

  it('never shows the API key the clients sent', async () => {
    expect(await page.content()).not.toContain('sk-live-secret-key')
  })
})

describe('the admin page of a mock with --admin-token', () => {
  it('asks for the token, then sends it on every call; a #token= link works too', async () => {
    const guarded = await startMockServer({ port: 0, timeScale: 'manual', vendors: ['odkkk'], adminToken: 'tok-123456' })
    const tab = await browser.newPage()
    try {
      await tab.goto(`${guarded.url}/__admin/ui`)
      await expect.poll(() => tab.locator('#token-form').isVisible()).toBe(true)
      expect(await tab.locator('#status').textContent()).toContain('401')
      await tab.locator('#token').fill('tok-123456')
      await tab.getByRole('button', { name: 'Use token' }).click()
      await expect.poll(() => tab.locator('#tasks tbody td.empty').count()).toBe(1)
      await tab.getByRole('button', { name: '+1 h' }).click()
      await expect.poll(async () => (await guarded.admin.health()).clock.elapsedMs).toBe(3_600_000)
      const linked = await browser.newPage()
      await linked.goto(`${guarded.url}/__admin#token=tok-123456`)
      await expect.poll(() => linked.locator('#clock-detail').textContent()).toContain('+1h00m since start')
      // The token leaves the address bar once read.
      expect(linked.url()).not.toContain('tok-123456')
      await linked.close()
    } finally {
      await tab.close()
      await guarded.close()
    }
  })
})
