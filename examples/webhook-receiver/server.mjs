// Runs the example receiver: PORT (default 3000), HOST (default 127.0.0.1), WEBHOOK_SECRET (KIE key).
//   node examples/webhook-receiver/server.mjs
//   npx veomock webhooks --vendor all --to 'http://127.0.0.1:3000/webhooks/{vendor}' --secret "$WEBHOOK_SECRET"
import { createReceiver } from './receiver.mjs'

const { app } = createReceiver({ secret: process.env.WEBHOOK_SECRET || undefined, log: (line) => process.stdout.write(`${line}\n`) })
const host = process.env.HOST ?? '127.0.0.1'
const server = app.listen(Number(process.env.PORT ?? 3000), host, () => {
  process.stdout.write(`webhook receiver listening on http://${host}:${server.address().port}/webhooks/{vendor}\n`)
})
const stop = () => server.close(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
