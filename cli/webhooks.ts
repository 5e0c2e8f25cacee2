// `veomock webhooks`: judge a service's webhook endpoint (contract §8); the library is conformance/src/webhooks.
export { webhooksCommand } from '../conformance/src/webhooks/webhooks-command.js'
