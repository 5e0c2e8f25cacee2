// The request-fidelity judge: every submit carries what the case asked, by the vendor's documented
// mapping of tier, generation type, images, aspect ratio (defaults included when a field is
// omitted: odkkk's `aspect_ratio` defaults to `auto`, the others to 16:9), resolution and seed.
// Where sources allow several mappings, each passes (ambiguity register).
import type { VendorId } from '../../../vendors/index.js'
import type { Finding, FindingLevel } from '../report/report.js'
import { cite } from './ambiguity-register.js'
import { evidenceOf, isSubmit, type Judge, originOf } from './journal-reading.js'
import type { ClientRequest } from './protocol.js'

/** `undefined` in `accept` means the field may be omitted (the vendor's default gives what was asked). */
interface FieldRule {
  field: string
  got: unknown
  accept: readonly unknown[]
  level?: FindingLevel
  register?: string
}

const ABSENT = undefined

function get(body: unknown, path: string): unknown {
  let value: unknown = body
  for (const key of path.split('.')) value = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined
  return value
}

const sameImages = (got: unknown, want: readonly string[] | undefined): boolean => {
  const asked = want ?? []
  if (got === undefined) return asked.length === 0
  return Array.isArray(got) && got.length === asked.length && got.every((u, i) => u === asked[i])
}

/** A seed in 10000–99999 goes as it is; one outside may be folded into the range (any value in it), or left out. */
function seedRule(field: string, got: unknown, request: ClientRequest, omitLevel: FindingLevel | 'ok', register?: string): FieldRule[] {
  if (request.seed === undefined) return []
  const inRange = request.seed >= 10_000 && request.seed <= 99_999
  if (got === undefined) return omitLevel === 'ok' ? [] : [{ field, got, accept: [request.seed], level: omitLevel, ...(register ? { register } : {}) }]
  if (inRange || typeof got !== 'number' || got < 10_000 || got > 99_999) return [{ field, got, accept: [request.seed], ...(register ? { register } : {}) }]
  return []
}

/** The generation type, which vendors infer from the images when omitted: only text-to-video is unambiguous. */
const typeAccept = (request: ClientRequest, value: string): unknown[] =>
  request.generationType === 'TEXT_2_VIDEO' && !request.imageUrls?.length ? [value, ABSENT] : [value]

const aspectAccept = (value: string, isDefault: boolean): unknown[] => (isDefault ? [value, ABSENT] : [value])

function kieRules(r: ClientRequest, body: unknown): FieldRule[] {
  const models = { quality: 'veo3', fast: 'veo3_fast', lite: 'veo3_lite' } as const
  const model = [models[r.tier], ...(r.tier === 'fast' ? [ABSENT] : []), ...(r.generationType === 'REFERENCE_2_VIDEO' ? ['veo3_fast'] : [])]
  const aspect = get(body, 'aspect_ratio') ?? get(body, 'aspectRatio')
  return [
    { field: 'model', got: get(body, 'model'), accept: model, ...(r.generationType === 'REFERENCE_2_VIDEO' ? { register: 'kie.reference-quality' } : {}) },
    { field: 'generationType', got: get(body, 'generationType'), accept: typeAccept(r, r.generationType) },
    {
      field: 'aspect_ratio',
      got: aspect,
      accept: aspectAccept(r.aspectRatio === 'auto' ? 'Auto' : r.aspectRatio, r.aspectRatio === '16:9'),
      register: 'kie.aspect-field',
    },
    { field: 'resolution', got: get(body, 'resolution'), accept: r.resolution === '720p' ? ['720p', ABSENT] : [r.resolution] },
    { field: 'imageUrls', got: sameImages(get(body, 'imageUrls'), r.imageUrls), accept: [true] },
    ...seedRule('seeds', get(body, 'seeds'), r, 'ok', 'kie.seeds'),
  ]
}

function apixoRules(r: ClientRequest, body: unknown): FieldRule[] {
  const mode = r.tier === 'lite' ? ['fast'] : [r.tier, ...(r.tier === 'quality' ? [ABSENT] : []), ...(r.generationType === 'REFERENCE_2_VIDEO' ? ['fast'] : [])]
  return [
    { field: 'input.mode', got: get(body, 'input.mode'), accept: mode, ...(r.tier === 'lite' ? { register: 'apixo.lite' } : {}) },
    { field: 'input.generationType', got: get(body, 'input.generationType'), accept: typeAccept(r, r.generationType) },
    { field: 'input.aspect_ratio', got: get(body, 'input.aspect_ratio'), accept: aspectAccept(r.aspectRatio, r.aspectRatio === '16:9') },
    { field: 'input.image_urls', got: sameImages(get(body, 'input.image_urls'), r.imageUrls), accept: [true] },
    ...seedRule('input.seed', get(body, 'input.seed'), r, 'warn'),
  ]
}

function xenodiaRules(r: ClientRequest, body: unknown): FieldRule[] {
  const models = { quality: ['veo3.1', 'veo3'], fast: ['veo3.1_fast', 'veo3_fast'], lite: ['veo3.1_lite', 'veo3_lite'] } as const
  const model = [...models[r.tier], ...(r.tier === 'fast' ? [ABSENT] : []), ...(r.generationType === 'REFERENCE_2_VIDEO' ? models.fast : [])]
  return [
    { field: 'model', got: get(body, 'model'), accept: model, register: 'xenodia.model-ids' },
    { field: 'generationType', got: get(body, 'generationType'), accept: typeAccept(r, r.generationType) },
    {
      field: 'aspect_ratio',
      got: get(body, 'aspect_ratio'),
      accept: aspectAccept(r.aspectRatio === 'auto' ? 'Auto' : r.aspectRatio, r.aspectRatio === '16:9'),
    },
    { field: 'resolution', got: get(body, 'resolution'), accept: r.resolution === '720p' ? ['720p', ABSENT] : [r.resolution] },
    { field: 'imageUrls', got: sameImages(get(body, 'imageUrls'), r.imageUrls), accept: [true] },
    ...seedRule('seeds', get(body, 'seeds'), r, 'warn'),
  ]
}

function odkkkRules(r: ClientRequest, body: unknown): FieldRule[] {
  const types: Partial<Record<ClientRequest['generationType'], string>> = { TEXT_2_VIDEO: 'TEXT', FIRST_AND_LAST_FRAMES_2_VIDEO: 'FIRST&LAST' }
  const type = types[r.generationType]
  const quality = get(body, 'quality')
  return [
    { field: 'model', got: get(body, 'model'), accept: ['veo3.1-pro'], register: 'odkkk.tier' },
    // `generation_type` is matched from the image count when omitted (S004).
    ...(type ? [{ field: 'generation_type', got: get(body, 'generation_type'), accept: [type, ABSENT] }] : []),
    // odkkk's default is `auto` (S004): a 16:9 request must say so.
    { field: 'aspect_ratio', got: get(body, 'aspect_ratio'), accept: aspectAccept(r.aspectRatio, r.aspectRatio === 'auto') },
    { field: 'image_urls', got: sameImages(get(body, 'image_urls'), r.imageUrls), accept: [true] },
    quality === undefined && r.resolution !== '720p'
      ? { field: 'quality', got: quality, accept: [r.resolution], level: 'warn' as const, register: 'odkkk.quality' }
      : { field: 'quality', got: quality, accept: [r.resolution, ABSENT], register: 'odkkk.quality' },
  ]
}

const RULES: Record<VendorId, (request: ClientRequest, body: unknown) => FieldRule[]> = {
  kie: kieRules,
  apixo: apixoRules,
  xenodia: xenodiaRules,
  odkkk: odkkkRules,
}

const show = (v: unknown): string => (v === undefined ? '(omitted)' : JSON.stringify(v))

export const requestFidelity: Judge = ({ entries, profile, testCase }) => {
  if (!entries) return []
  const origin = originOf(entries)
  const findings: Finding[] = []
  for (const submit of entries.filter((e) => isSubmit(e, profile))) {
    const body = submit.requestBody
    if (!body || typeof body !== 'object') continue
    const wrong = RULES[profile.vendor](testCase.request, body).filter((rule) => !rule.accept.includes(rule.got))
    for (const level of ['fail', 'warn'] as const) {
      const at = wrong.filter((w) => (w.level ?? 'fail') === level)
      if (at.length === 0) continue
      const fields = at.map((w) =>
        w.got === true || w.got === false
          ? `${w.field} differs from the request's images`
          : `${w.field} ${show(w.got)}, expected ${w.accept.map(show).join(' or ')}`,
      )
      const registers = [...new Set(at.flatMap((w) => (w.register ? [w.register] : [])))]
      findings.push({
        check: 'request-fidelity',
        level,
        message: `the submit does not carry what the case asked (tier ${testCase.request.tier}, ${testCase.request.generationType}, ${testCase.request.aspectRatio}, ${testCase.request.resolution}): ${fields.join('; ')}`,
        evidence: { ...evidenceOf(submit, origin), requestBody: body },
        ...(registers.length ? { register: cite(...registers) } : {}),
      })
    }
    if (findings.length > 0) break
  }
  return findings
}
