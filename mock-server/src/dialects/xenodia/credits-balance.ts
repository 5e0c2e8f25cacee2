// `GET /v1/credits/balance` → `balance_micro_usdc`, the key's wallet in micro-USDC.
// @see a public Xenodia client (PC), https://docs.xenodia.xyz/docs/wallets-and-billing (docs/vendors/xenodia.md §3.4)
import type { components } from '../../../../generated/xenodia.js'
import type { CustomRoute } from '../../core/dialect.js'

type CreditsBalance = components['schemas']['CreditsBalance']

/**
 * A fresh key's wallet: 25 USDC (INFER; Xenodia's older x402 flow asked for a $5 minimum top-up,
 * docs/vendors/xenodia.md §3.4). Enough for about 80 fast 720p tasks.
 */
export const INITIAL_BALANCE_MICRO_USDC = 25_000_000

export const creditsBalanceRoute: CustomRoute = {
  kind: 'custom',
  method: 'get',
  path: '/v1/credits/balance',
  handle: (request, ctx) => {
    // micro-USDC is an integer unit (X-BILL); an admin-set fraction is floored.
    const body: CreditsBalance = { balance_micro_usdc: Math.max(0, Math.floor(ctx.balance(request.keyId))) }
    return { status: 200, body }
  },
}
