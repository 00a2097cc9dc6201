import type { AudienceEntry, LocalizedText } from '../../framework/index.ts'

/**
 * Text as search compares it: lower case, without Vietnamese tone and vowel marks, đ as d, and
 * ĩ/ỹ-style spelling variants alike ("Kĩ năng" and "kỹ năng" are both "ky nang"), so that a
 * trainer typing on a keyboard without Vietnamese input finds what they mean.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/ki\b/g, 'ky')
    .replace(/\s+/g, ' ')
    .trim()
}

/** A tag target the framework browser offers: a descriptor, or a component at a level. */
export interface SearchHit {
  readonly id: string
  readonly kind: 'descriptor' | 'level'
  readonly componentId: string
  readonly componentNumber: string
  readonly componentName: LocalizedText
  readonly levelCode: string
  readonly text: LocalizedText
}

/**
 * The descriptors and component levels of the tables whose ID, component number or name, or
 * text (Vietnamese or English) contains every word of the query, accents ignored; everything
 * when the query is empty.
 */
export function searchFramework(tables: readonly AudienceEntry[], query: string): SearchHit[] {
  const words = foldVietnamese(query).split(' ').filter(Boolean)
  const matches = (...texts: (string | undefined)[]) => {
    const hay = foldVietnamese(texts.filter(Boolean).join(' '))
    return words.every((w) => hay.includes(w))
  }
  const hits: SearchHit[] = []
  for (const table of tables) {
    const levelNames = new Map(table.framework.levels.map((l) => [l.code, l.name]))
    for (const component of table.audience.components) {
      const about = [component.id, component.number, component.name.vi, component.name.en]
      for (const level of component.levels) {
        const levelName = levelNames.get(level.code) ?? { vi: level.code }
        const base = {
          componentId: component.id,
          componentNumber: component.number,
          componentName: component.name,
          levelCode: level.code,
        }
        const levelId = `${component.id}.${level.code}`
        if (matches(...about, levelId, levelName.vi, levelName.en)) {
          hits.push({ ...base, id: levelId, kind: 'level', text: levelName })
        }
        for (const d of level.descriptors) {
          if (matches(...about, d.id, d.text.vi, d.text.en)) {
            hits.push({ ...base, id: d.id, kind: 'descriptor', text: d.text })
          }
        }
      }
    }
  }
  return hits
}
