// Options patched through the admin API survive a reset (specs/admin.openapi.yaml, reset): tests
// that patch them put the vendor's defaults back with this.
import { allDialects } from '../dialects/index.js'
import type { RunningMockServer } from '../server.js'

export async function restoreDefaultOptions(mock: RunningMockServer, vendor: string): Promise<void> {
  const dialect = allDialects.find((d) => d.id === vendor)
  if (!dialect) throw new Error(`Failed to restore options: no dialect ${vendor}`)
  await mock.admin.patchOptions({ [vendor]: { ...dialect.defaultOptions } } as never)
}
