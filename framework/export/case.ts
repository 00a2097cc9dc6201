import { iriOf } from '../ids.ts'
import { uuidV5 } from '../lib/uuid-v5.ts'
import type { Audience, Framework, LocalizedText } from '../schema.ts'

// A framework as a CASE 1.1 package (1EdTech Competencies and Academic Standards Exchange,
// getCFPackage response): one CFDocument, CFItems for audiences, domains, components and
// descriptors, `isChildOf` CFAssociations, CFItemType definitions, and one CFRubric per
// component whose criterion levels are the framework's levels. Identifiers are UUID v5 of each
// entry's IRI, so the same framework always exports the same package. What CASE has no field
// for (English text, level of a descriptor, framework metadata) rides in `extensions.nls`.

export interface LinkUri {
  title: string
  identifier: string
  uri: string
}

export interface CfItem {
  identifier: string
  uri: string
  fullStatement: string
  CFItemType: string
  CFItemTypeURI: LinkUri
  humanCodingScheme: string
  listEnumeration?: string
  abbreviatedStatement?: string
  notes?: string
  language: string
  educationLevel?: string[]
  lastChangeDateTime: string
  extensions: { nls: Record<string, unknown> }
}

export interface CfAssociation {
  identifier: string
  uri: string
  associationType: 'isChildOf'
  originNodeURI: LinkUri
  destinationNodeURI: LinkUri
  sequenceNumber: number
  lastChangeDateTime: string
}

export interface CfRubricCriterionLevel {
  identifier: string
  uri: string
  description: string
  quality: string
  score: number
  position: number
  rubricCriterionId: string
  lastChangeDateTime: string
}

export interface CfPackage {
  CFDocument: {
    identifier: string
    uri: string
    frameworkType: string
    caseVersion: '1.1'
    creator: string
    title: string
    lastChangeDateTime: string
    publisher: string
    description: string
    language: string
    version: string
    adoptionStatus: string
    statusStartDate?: string
    notes?: string
    extensions: { nls: Record<string, unknown> }
  }
  CFItems: CfItem[]
  CFAssociations: CfAssociation[]
  CFDefinitions: {
    CFItemTypes: {
      identifier: string
      uri: string
      title: string
      description: string
      hierarchyCode: string
      typeCode: string
      lastChangeDateTime: string
    }[]
  }
  CFRubrics: {
    identifier: string
    uri: string
    title: string
    description: string
    lastChangeDateTime: string
    CFRubricCriteria: {
      identifier: string
      uri: string
      category: string
      description: string
      CFItemURI: LinkUri
      weight: number
      position: number
      rubricId: string
      lastChangeDateTime: string
      CFRubricCriterionLevels: CfRubricCriterionLevel[]
    }[]
  }[]
}

/** The CFItemType of each kind of entry, as CASE item types (title = typeCode). */
export const CASE_ITEM_TYPES = {
  audience: { code: 'Audience', vi: 'Đối tượng', hierarchy: '1' },
  domain: { code: 'Domain', vi: 'Miền năng lực', hierarchy: '2' },
  component: { code: 'Component', vi: 'Năng lực thành phần', hierarchy: '3' },
  descriptor: { code: 'Descriptor', vi: 'Chỉ báo (mô tả mức độ)', hierarchy: '4' },
} as const
type ItemKind = keyof typeof CASE_ITEM_TYPES

const uuid = (name: string) => uuidV5(name)
const urnUuid = (name: string) => `urn:uuid:${uuid(name)}`

/** The CASE 1.1 package of a framework, or of one of its audiences. */
export function casePackage(framework: Framework, options: { audience?: string } = {}): CfPackage {
  const audiences = options.audience
    ? framework.audiences.filter((a) => a.id === options.audience)
    : framework.audiences
  if (options.audience && audiences.length === 0) {
    throw new TypeError(`framework ${framework.id} has no audience "${options.audience}"`)
  }
  const docId = options.audience ? `${framework.id}.${options.audience}` : framework.id
  const stamp = `${framework.source.issued}T00:00:00Z`
  const link = (id: string, title: string): LinkUri => ({
    title,
    identifier: uuid(iriOf(id)),
    uri: iriOf(id),
  })
  const typeLink = (kind: ItemKind): LinkUri => ({
    title: CASE_ITEM_TYPES[kind].code,
    identifier: uuid(`${iriOf(framework.id)}#type-${kind}`),
    uri: urnUuid(`${iriOf(framework.id)}#type-${kind}`),
  })
  const docTitle = options.audience
    ? `${framework.title.vi} – ${audiences[0]?.name.vi}`
    : framework.title.vi
  const docLink = link(docId, docTitle)

  const items: CfItem[] = []
  const associations: CfAssociation[] = []
  const item = (
    kind: ItemKind,
    id: string,
    statement: LocalizedText,
    parent: LinkUri,
    sequence: number,
    extra: Partial<CfItem> & { nls: Record<string, unknown> },
  ): LinkUri => {
    const { nls, ...fields } = extra
    const self = link(id, statement.vi)
    items.push({
      identifier: self.identifier,
      uri: self.uri,
      fullStatement: statement.vi,
      CFItemType: CASE_ITEM_TYPES[kind].code,
      CFItemTypeURI: typeLink(kind),
      humanCodingScheme: id,
      language: 'vi',
      lastChangeDateTime: stamp,
      ...fields,
      extensions: { nls: { kind, id, ...nls } },
    })
    associations.push({
      identifier: uuid(`${self.uri}#isChildOf`),
      uri: urnUuid(`${self.uri}#isChildOf`),
      associationType: 'isChildOf',
      originNodeURI: self,
      destinationNodeURI: parent,
      sequenceNumber: sequence,
      lastChangeDateTime: stamp,
    })
    return self
  }

  const levelDefs = new Map(framework.levels.map((l) => [l.code, l]))
  const rubrics: CfPackage['CFRubrics'] = []
  audiences.forEach((audience: Audience, ai) => {
    const audienceLink = options.audience
      ? docLink
      : item('audience', `${framework.id}.${audience.id}`, audience.name, docLink, ai + 1, {
          nls: { name: audience.name, note: audience.note, buildsOn: audience.buildsOn },
        })
    audience.domains.forEach((domain, di) => {
      const domainLink = item('domain', domain.id, domain.name, audienceLink, di + 1, {
        listEnumeration: domain.number,
        ...(domain.description ? { notes: domain.description.vi } : {}),
        nls: {
          number: domain.number,
          name: domain.name,
          description: domain.description,
          structureName: domain.structureName,
        },
      })
      audience.components
        .filter((c) => c.domain.id === domain.id)
        .forEach((component, ci) => {
          const componentLink = item(
            'component',
            component.id,
            component.name,
            domainLink,
            ci + 1,
            {
              listEnumeration: component.number,
              ...(component.definition ? { notes: component.definition.vi } : {}),
              nls: {
                number: component.number,
                name: component.name,
                definition: component.definition,
                structureName: component.structureName,
                levels: component.levels.map((l) => ({ code: l.code, status: l.status })),
              },
            },
          )
          let sequence = 0
          for (const level of component.levels) {
            const def = levelDefs.get(level.code)
            level.descriptors.forEach((d, n) => {
              item('descriptor', d.id, d.text, componentLink, ++sequence, {
                listEnumeration: String(n + 1),
                abbreviatedStatement: `${def?.name.vi ?? level.code} ${n + 1}`,
                ...(def?.targets ? { educationLevel: [def.targets.vi] } : {}),
                nls: { level: level.code, text: d.text, ...(d.code ? { code: d.code } : {}) },
              })
            })
          }
          const rubricName = `${component.id}#rubric`
          const criterionName = `${component.id}#rubric-criterion`
          rubrics.push({
            identifier: uuid(iriOf(rubricName)),
            uri: urnUuid(iriOf(rubricName)),
            title: `${component.number}. ${component.name.vi}`,
            description: `Mức độ của năng lực thành phần ${component.number} (${framework.source.document})`,
            lastChangeDateTime: stamp,
            CFRubricCriteria: [
              {
                identifier: uuid(iriOf(criterionName)),
                uri: urnUuid(iriOf(criterionName)),
                category: 'Mức độ',
                description: component.name.vi,
                CFItemURI: componentLink,
                weight: 1,
                position: 1,
                rubricId: uuid(iriOf(rubricName)),
                lastChangeDateTime: stamp,
                CFRubricCriterionLevels: component.levels.map((level) => {
                  const def = levelDefs.get(level.code)
                  const name = `${component.id}.${level.code}#rubric-level`
                  return {
                    identifier: uuid(iriOf(name)),
                    uri: urnUuid(iriOf(name)),
                    description:
                      level.status === 'missing'
                        ? 'Chưa có văn bản chỉ báo chính thức (missing).'
                        : level.descriptors.map((d) => `- ${d.text.vi}`).join('\n'),
                    quality: def?.name.vi ?? level.code,
                    score: def?.rank ?? 0,
                    position: def?.rank ?? 0,
                    rubricCriterionId: uuid(iriOf(criterionName)),
                    lastChangeDateTime: stamp,
                  }
                }),
              },
            ],
          })
        })
    })
  })

  const { audiences: _all, ...metadata } = framework
  return {
    CFDocument: {
      identifier: docLink.identifier,
      uri: docLink.uri,
      frameworkType: 'Competency Framework',
      caseVersion: '1.1',
      creator: framework.source.issuer.vi,
      title: docTitle,
      lastChangeDateTime: stamp,
      publisher: framework.source.issuer.vi,
      description: framework.title.en ?? framework.title.vi,
      language: 'vi',
      version: framework.version,
      adoptionStatus: 'Adopted',
      ...(framework.source.effective ? { statusStartDate: framework.source.effective } : {}),
      ...(framework.source.provenance ? { notes: framework.source.provenance.vi } : {}),
      extensions: {
        nls: {
          framework: metadata,
          ...(options.audience && audiences[0]
            ? {
                audience: {
                  id: audiences[0].id,
                  name: audiences[0].name,
                  note: audiences[0].note,
                  buildsOn: audiences[0].buildsOn,
                },
              }
            : {}),
        },
      },
    },
    CFItems: items,
    CFAssociations: associations,
    CFDefinitions: {
      CFItemTypes: (Object.keys(CASE_ITEM_TYPES) as ItemKind[]).map((kind) => ({
        identifier: typeLink(kind).identifier,
        uri: typeLink(kind).uri,
        title: CASE_ITEM_TYPES[kind].code,
        description: CASE_ITEM_TYPES[kind].vi,
        hierarchyCode: CASE_ITEM_TYPES[kind].hierarchy,
        typeCode: CASE_ITEM_TYPES[kind].code,
        lastChangeDateTime: stamp,
      })),
    },
    CFRubrics: rubrics,
  }
}
