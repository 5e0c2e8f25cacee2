// KIE's 422 texts in KIE's words, not a JSON-schema validator's. KIE documents 422 as "Validation
// Error - Request parameters failed validation" (S002) and shows no per-field text for Veo; its
// market API was seen answering `This field is required` (LIVE PH). So a failing field reads
// `Validation Error - prompt: This field is required`, never `(root) must have required property`.
// @see https://docs.kie.ai/veo3-api/generate-veo-3-video (docs/vendors/kie.md §8.14)

interface Rephrasing {
  pattern: RegExp
  text(match: RegExpExecArray): string
}

const plural = (n: string, one: string) => `${n} ${one}${n === '1' ? '' : 's'}`

// Ajv's phrases (lib/spec/validation.ts prefixes each with the JSON pointer).
const REPHRASINGS: Rephrasing[] = [
  { pattern: /^must have required property '([^']+)'$/, text: () => 'This field is required' },
  { pattern: /^must be >= (\S+)$/, text: (m) => `must be at least ${m[1]}` },
  { pattern: /^must be <= (\S+)$/, text: (m) => `must be at most ${m[1]}` },
  { pattern: /^must NOT have more than (\d+) items$/, text: (m) => `takes at most ${plural(m[1] ?? '', 'item')}` },
  { pattern: /^must NOT have fewer than (\d+) items$/, text: (m) => `needs at least ${plural(m[1] ?? '', 'item')}` },
  { pattern: /^must NOT have more than (\d+) characters$/, text: (m) => `is longer than ${plural(m[1] ?? '', 'character')}` },
  { pattern: /^must NOT have fewer than (\d+) characters?$/, text: (m) => (m[1] === '1' ? 'must not be empty' : `needs at least ${m[1]} characters`) },
  { pattern: /^must be equal to one of the allowed values: (.+)$/, text: (m) => `must be one of ${allowed(m[1] ?? '')}` },
  { pattern: /^must be equal to constant$/, text: () => 'is not supported with this generationType' },
  { pattern: /^must match format "uri"$/, text: () => 'must be a valid URL' },
  { pattern: /^must match pattern ".*"$/, text: () => 'has an unsupported format' },
  { pattern: /^must be (string|integer|number|boolean|object|array)(,.*)?$/, text: (m) => `must be ${article(m[1] ?? '')} ${m[1]}` },
  { pattern: /^boolean schema is false$/, text: () => 'is not supported' },
]

function allowed(json: string): string {
  try {
    const values = JSON.parse(json) as unknown[]
    return values.map(String).join(', ')
  } catch {
    return json
  }
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a'
}

/** `/imageUrls/0` → `imageUrls[0]`; the root is no field. */
function fieldName(pointer: string): string {
  return pointer
    .replace(/^\/(query|path)(?=\/|$)/, '')
    .replace(/^\//, '')
    .split('/')
    .map((segment, i) => (/^\d+$/.test(segment) && i > 0 ? `[${segment}]` : `${i > 0 ? '.' : ''}${segment}`))
    .join('')
}

/** One validator issue (`/seeds must be >= 10000`) as KIE would word it (`seeds: must be at least 10000`). */
export function kieIssueText(issue: string): string {
  const split = /^(\(root\)|\/\S*) (.*)$/.exec(issue)
  if (!split) return issue
  const pointer = split[1] === '(root)' ? '' : (split[1] ?? '')
  const rule = split[2] ?? ''
  for (const { pattern, text } of REPHRASINGS) {
    const match = pattern.exec(rule)
    if (!match) continue
    // A missing property is named by the property itself, not by its parent object.
    const field = rule.startsWith('must have required property') ? [fieldName(pointer), match[1]].filter(Boolean).join('.') : fieldName(pointer)
    return field ? `${field}: ${text(match)}` : text(match)
  }
  return pointer ? `${fieldName(pointer)}: ${rule}` : rule
}
