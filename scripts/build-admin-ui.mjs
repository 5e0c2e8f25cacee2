#!/usr/bin/env node
// Part of `npm run build` (after tsc): copies the admin web page (mock-server/src/admin/ui: HTML,
// one ES module, one stylesheet; no bundler needed) next to the compiled admin routes.
import { cp } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
await cp(path.join(root, 'mock-server/src/admin/ui'), path.join(root, 'dist/mock-server/src/admin/ui'), { recursive: true })
