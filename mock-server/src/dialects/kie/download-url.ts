// POST /api/v1/common/download-url: a temporary link (valid 20 minutes) for a KIE-generated file, as
// a bare string in `data`; other URLs answer body 422. @see https://docs.kie.ai/common-api/download-url (K-DL; docs/vendors/kie.md §4.7)
import type { components } from '../../../../generated/kie.js'
import type { CustomRoute } from '../../core/dialect.js'
import { businessError, carried } from './errors.js'
import { DOWNLOAD_LINK_MS } from './timings.js'

// K-DL documents code 422 for non-KIE URLs; the text is the spec example's (INFER).
export const NOT_A_KIE_FILE = 'Only KIE-generated file URLs are supported'

export const downloadUrlRoute: CustomRoute = {
  kind: 'custom',
  method: 'post',
  path: '/api/v1/common/download-url',
  handle(request, ctx) {
    const { url } = request.body as components['schemas']['DownloadUrlRequest']
    const task = ctx.taskOfFileUrl(url)
    if (!task || ctx.view(task).state !== 'succeeded') return businessError(ctx, 422, NOT_A_KIE_FILE)
    // The link is the served file with its expiry (Unix seconds) in the query, like KIE's `?t=` links (K-DL example).
    const expires = Math.floor((ctx.now + DOWNLOAD_LINK_MS) / 1000)
    const body = { code: 200, msg: 'success', data: `${url}?expires=${expires}` } satisfies components['schemas']['DownloadUrlSuccessResponse']
    return { ...carried(ctx, body), taskId: task.id }
  },
}
