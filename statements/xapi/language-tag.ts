// RFC 5646 language tags: the keys of every language map and "context.language".
// Data 2.2.s4.b2: 'The LRS MUST at least validate that the sequence of token lengths for language map
// keys matches the RFC 5646 standard.' We check the §2.1 ABNF (well-formedness), plus the two
// §2.2.5/§2.2.6 rules the ADL conformance suite tests: no repeated variant, no repeated singleton
// (so "zh-z-aaa-z-bbb-c-ccc" is refused). Whether a subtag is registered is not checked.

const LANGTAG = new RegExp(
  '^(?:' +
    // language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse]
    '(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})' +
    '(?:-[a-z]{4})?' +
    '(?:-(?:[a-z]{2}|[0-9]{3}))?' +
    '(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*' +
    '(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*' +
    '(?:-x(?:-[a-z0-9]{1,8})+)?' +
    // privateuse alone
    '|x(?:-[a-z0-9]{1,8})+' +
    ')$',
  'i',
)

// RFC 5646 §2.1 "grandfathered" tags that do not follow the syntax above.
const IRREGULAR = new Set([
  'en-gb-oed',
  'i-ami',
  'i-bnn',
  'i-default',
  'i-enochian',
  'i-hak',
  'i-klingon',
  'i-lux',
  'i-mingo',
  'i-navajo',
  'i-pwn',
  'i-tao',
  'i-tay',
  'i-tsu',
  'sgn-be-fr',
  'sgn-be-nl',
  'sgn-ch-de',
])

const VARIANT = /^(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3})$/

/** Whether a string is a well-formed RFC 5646 language tag. */
export function isLanguageTag(value: string): boolean {
  const tag = value.toLowerCase()
  if (IRREGULAR.has(tag)) return true
  if (!LANGTAG.test(tag)) return false
  // A repeat needs at least three subtags ("sl-rozaj-rozaj"); "vi" and "en-US" skip the walk.
  const second = tag.indexOf('-', tag.indexOf('-') + 1)
  return second < 0 || !hasRepeatedSubtags(tag)
}

// RFC 5646 §2.2.5 (a variant occurs once) and §2.2.6 (a singleton occurs once), up to "-x-".
function hasRepeatedSubtags(tag: string): boolean {
  const subtags = tag.split('-')
  const variants = new Set<string>()
  const singletons = new Set<string>()
  let inExtension = false
  for (let i = 1; i < subtags.length; i++) {
    const subtag = subtags[i] as string
    if (subtag === 'x') break
    if (subtag.length === 1) {
      if (singletons.has(subtag)) return true
      singletons.add(subtag)
      inExtension = true
    } else if (!inExtension && VARIANT.test(subtag)) {
      if (variants.has(subtag)) return true
      variants.add(subtag)
    }
  }
  return false
}
