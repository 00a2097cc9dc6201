import type { Catalog, Entry, Framework, LocalizedText } from '../../framework/index.ts'

export type Lang = 'vi' | 'en'

const LABELS = {
  vi: {
    frameworks: 'Khung năng lực',
    audience: 'Đối tượng',
    domain: 'Miền năng lực',
    component: 'Năng lực thành phần',
    level: 'Mức độ',
    descriptor: 'Chỉ báo',
    definition: 'Định nghĩa',
    components: 'năng lực thành phần',
    descriptors: 'chỉ báo',
    missing: 'chưa có văn bản chính thức',
    cumulative: 'Các mức độ có tính kế thừa: mức cao bao gồm tiêu chí của các mức thấp hơn.',
    buildsOn: 'Bổ sung cho',
    targets: 'Đối tượng của bậc',
    source: 'Nguồn',
  },
  en: {
    frameworks: 'Frameworks',
    audience: 'Audience',
    domain: 'Domain',
    component: 'Component competency',
    level: 'Level',
    descriptor: 'Descriptor',
    definition: 'Definition',
    components: 'components',
    descriptors: 'descriptors',
    missing: 'official text not available',
    cumulative: 'Levels are cumulative: a higher level includes the criteria of the lower ones.',
    buildsOn: 'In addition to',
    targets: 'Targets',
    source: 'Source',
  },
} as const

/** The text in the chosen language; English falls back to Vietnamese, marked. */
export const say = (t: LocalizedText | undefined, lang: Lang): string =>
  !t ? '' : lang === 'en' ? (t.en ?? `${t.vi} [vi]`) : t.vi

const count = (fw: Framework, audienceId: string) => {
  const a = fw.audiences.find((x) => x.id === audienceId)
  const comps = a?.components ?? []
  return {
    components: comps.length,
    descriptors: comps.reduce(
      (n, c) => n + c.levels.reduce((m, l) => m + l.descriptors.length, 0),
      0,
    ),
    missing: comps.some((c) => c.levels.some((l) => l.status === 'missing')),
  }
}

/** `nls framework list`: every framework and audience, then each audience's components. */
export function formatList(catalog: Catalog, lang: Lang, audience?: string): string {
  const L = LABELS[lang]
  const lines: string[] = []
  for (const fw of catalog.frameworks) {
    const audiences = fw.audiences.filter(
      (a) => !audience || `${fw.id}.${a.id}` === audience || a.id === audience,
    )
    if (audiences.length === 0) continue
    lines.push(`${fw.id}  ${say(fw.title, lang)} (${fw.source.document}, ${fw.version})`)
    lines.push(
      `      ${L.level}: ${fw.levels.map((l) => `${l.code} ${say(l.name, lang)}`).join(' · ')}`,
    )
    for (const a of audiences) {
      const c = count(fw, a.id)
      lines.push('')
      lines.push(
        `  ${fw.id}.${a.id}  ${say(a.name, lang)} — ${c.components} ${L.components}, ${c.descriptors} ${L.descriptors}${c.missing ? ` (${L.missing})` : ''}`,
      )
      for (const comp of a.components) {
        const perLevel = comp.levels
          .map((l) => `${l.code} ${l.status === 'missing' ? '–' : l.descriptors.length}`)
          .join(' ')
        lines.push(`    ${comp.id.padEnd(14)} ${say(comp.name, lang)}  [${perLevel}]`)
      }
    }
    lines.push('')
  }
  return `${lines.join('\n')}\n`
}

/** `nls framework show <ID>`: the entry, its place in the framework and what it contains. */
export function formatEntry(entry: Entry, lang: Lang): string {
  const L = LABELS[lang]
  const fw = entry.framework
  const lines: string[] = []
  const levelName = (code: string) => say(fw.levels.find((l) => l.code === code)?.name, lang)
  switch (entry.kind) {
    case 'framework':
      lines.push(`${fw.id} — ${say(fw.title, lang)}`)
      lines.push(`${L.source}: ${fw.source.document} (${fw.source.issued}) · ${fw.version}`)
      if (fw.source.provenance) lines.push(say(fw.source.provenance, lang))
      lines.push('')
      for (const l of fw.levels) {
        lines.push(
          `${l.code}  ${say(l.name, lang)}${l.targets ? ` — ${say(l.targets, lang)}` : ''}`,
        )
        if (l.definition) lines.push(`    ${say(l.definition, lang)}`)
      }
      if (fw.cumulative) lines.push('', L.cumulative)
      lines.push('', `${L.audience}:`)
      for (const a of fw.audiences) lines.push(`  ${fw.id}.${a.id}  ${say(a.name, lang)}`)
      break
    case 'audience':
      lines.push(`${entry.id} — ${say(entry.audience.name, lang)}`)
      if (entry.audience.note) lines.push(say(entry.audience.note, lang))
      if (entry.audience.buildsOn.length) {
        lines.push(
          `${L.buildsOn}: ${entry.audience.buildsOn.map((b) => `${fw.id}.${b}`).join(', ')}`,
        )
      }
      for (const d of entry.audience.domains) {
        lines.push('', `${d.id}  ${say(d.name, lang)}`)
        for (const c of entry.audience.components.filter((x) => x.domain.id === d.id)) {
          lines.push(`  ${c.id}  ${say(c.name, lang)}`)
        }
      }
      break
    case 'domain':
      lines.push(`${L.domain} ${entry.id} — ${say(entry.domain.name, lang)}`)
      if (entry.domain.description) lines.push(say(entry.domain.description, lang))
      lines.push('')
      for (const c of entry.components) lines.push(`  ${c.id}  ${say(c.name, lang)}`)
      break
    case 'component':
    case 'level': {
      const c = entry.component
      lines.push(`${L.component} ${c.id} — ${say(c.name, lang)}`)
      lines.push(`${L.domain} ${c.domain.id} — ${say(c.domain.name, lang)}`)
      if (c.definition) lines.push(`${L.definition}: ${say(c.definition, lang)}`)
      const levels = entry.kind === 'level' ? [entry.level] : c.levels
      for (const l of levels) {
        lines.push('', `${c.id}.${l.code}  ${L.level} ${levelName(l.code)}`)
        if (l.status === 'missing') lines.push(`    (${L.missing})`)
        for (const d of l.descriptors) lines.push(`  ${d.id.padEnd(18)} ${say(d.text, lang)}`)
      }
      if (fw.cumulative) lines.push('', L.cumulative)
      break
    }
    case 'descriptor':
      lines.push(`${L.descriptor} ${entry.id}`)
      lines.push(say(entry.descriptor.text, lang))
      lines.push('')
      lines.push(`${L.level}: ${levelName(entry.level.code)} (${entry.level.code})`)
      lines.push(`${L.component}: ${entry.component.id} — ${say(entry.component.name, lang)}`)
      lines.push(`${L.domain}: ${entry.domain.id} — ${say(entry.domain.name, lang)}`)
      lines.push(`${L.audience}: ${fw.id}.${entry.audience.id} — ${say(entry.audience.name, lang)}`)
      lines.push(`${L.source}: ${fw.source.document}`)
      break
  }
  return `${lines.join('\n')}\n`
}
