// The shapes of the public answers the portal reads (docs/api.md); only the fields it shows.

export interface ReferenceItem { code: string; nameZh: string; nameEn: string }
export interface Region extends ReferenceItem { level: string; parentCode: string | null }

export interface EnterpriseListItem {
  id: string; legalName: string; regionCode: string; regionNameZh: string; baseId: string | null; baseNameZh: string | null
  totalStaff: number; annotators: number; clearance: string | null; certificateNumber: string | null; certificateGrade: number | null
  certificateStatus: string | null; certificateExpiresOn: string | null; designations: string[]; capabilities: string[]; domains: string[]
  qualityAcceptedCount: number; qualityMeanAccuracy: number | null; qualityBlend: number
}

export interface QualityFigures { acceptedCount: number; meanAccuracy: number | null; onTimeRate: number | null; rejectedDeliveries?: number; terminatedContracts?: number }
export interface QualityRecord extends QualityFigures {
  rejectedDeliveries: number; terminatedContracts: number
  domains: (QualityFigures & { domain: string })[]
}

export interface Certificate {
  id: string; number: string; grade: number; status: string; issuedOn: string; expiresOn: string; statusReason: string | null
  supervisingRegionCode: string
}

export interface Enterprise {
  id: string; legalName: string; creditCode: string; regionCode: string; regionNameZh: string; address: string | null; foundedOn: string | null
  baseId: string | null; baseNameZh: string | null; capabilities: { modality: string; taskType: string }[]; domains: string[]
  talent: Record<string, number>; totalStaff: number; security: { mlpsLevel: number | null; iso27001: boolean; secureFacility: boolean }
  clearance: string | null; tools: string[]; certificate: Certificate | null
  designations: { designation: string; grantedOn: string; reason: string | null }[]; quality: QualityRecord | null
}

export interface Base {
  id: string; code: string; nameZh: string; nameEn: string; level: string; regionCode: string; regionNameZh: string
  provinceCode: string; provinceNameZh: string; focusZh: string; focusEn: string; focusDomains: string[]; enterpriseCount: number
}

export interface CatalogEntry {
  id: string; agencyId: string; agencyNameZh: string; code: string; version: number; title: string; description: string; domain: string
  modalities: string[]; taskTypes: string[]; volume: number; volumeUnit: string; securityLevel: string; openness: string
  opennessConditions?: string | null; regionCode: string; publishedAt: string | null; sourceSystem?: string | null
  updateFrequency?: string | null; contact?: string | null; status?: string; withdrawnReason?: string | null
}

export interface Facet { value: string; count: number }
export interface CatalogPage {
  items: CatalogEntry[]; total: number; pageNumber: number; pageSize: number
  facets: { domains: Facet[]; modalities: Facet[]; securityLevels: Facet[] }
}

export interface Demand {
  id: string; agencyId: string; agencyNameZh: string; catalogEntryId: string | null; number: string | null; ocid: string | null
  title: string; description: string; taskSpecification: string; positiveExamples: string[]; negativeExamples: string[]
  domain: string; modality: string; taskTypes: string[]; volume: number; volumeUnit: string; minimumAccuracy: number
  budgetCeiling: number; requiredGrade: number; securityLevel: string; regionCode: string; preferredBaseId: string | null
  evaluation: { kind: string; priceWeight: number; technicalWeight: number; qualityWeight: number }
  bidDeadline: string; dueDate: string; minimumEligibleBids: number; status: string; statusReason: string | null
  publishedAt: string | null; bidCount: number | null; contractId: string | null
}

export interface Clarification { id?: string; question: string; answer: string; publishedAt: string }

export interface TalentSummary {
  enterprises: number; totalStaff: number; annotators: number
  byLevel: { level: string; nameZh: string; nameEn: string; annotators: number }[]
}

export interface CatalogEntryDetail {
  id: string; agencyId: string; agencyNameZh: string; code: string; status: string; withdrawnReason: string | null
  content: {
    version: number; title: string; description: string; domain: string; modalities: string[]; taskTypes: string[]; volume: number
    volumeUnit: string; securityLevel: string; openness: string; opennessConditions: string | null; regionCode: string
    sourceSystem: string; updateFrequency: string; contact: string; publishedAt: string | null
  }
}

// Industry monitoring (docs/monitoring.md): every answer says how far the statistics projection has read.
export interface AsOf { sequence: number; committedAt: string | null }
export interface CountBy { code: string; number: number }

export interface StatisticsOverview {
  asOf: AsOf; region: string; regionNameZh: string; published: boolean
  enterprises: { registered: number; activeByGrade: CountBy[]; certificatesByStatus: CountBy[]; byDesignation: CountBy[] }
  talent: { annotators: number; byLevel: CountBy[] }
  catalogEntries: number
  demands: {
    published: number; budget: number; awarded: number; awardedValue: number; unsuccessful: number; cancelled: number; opened: number
    bidsOpened: number | null; bidsPerDemand: number | null; invitationsSent: number | null
  }
  contracts: { completed: number; onTime: number; deliveriesAccepted: number; deliveriesRejected: number | null; terminated: number }
}

export interface StatisticsSeries { asOf: AsOf; region: string; metric: string; from: string; to: string; points: { month: string; value: number }[] }

export interface BreakdownRow {
  code: string; nameZh: string; demandsPublished: number; budgetPublished: number; demandsOpened: number; bidsOpened: number
  demandsAwarded: number; awardedValue: number; demandsUnsuccessful: number; demandsCancelled: number; contractsCompleted: number
  contractsTerminated: number
}
export interface StatisticsBreakdown { asOf: AsOf; region: string; by: string; rows: BreakdownRow[]; total: BreakdownRow }

export interface BaseStatistics {
  asOf: AsOf; region: string
  bases: {
    baseId: string; code: string; nameZh: string; level: string; regionCode: string; enterprises: number; annotators: number
    demandsPublished: number; budgetPublished: number; demandsAwarded: number; awardedValue: number
  }[]
}

export interface TalentStatistics {
  asOf: AsOf; region: string; enterprises: number; annotators: number
  byLevel: { level: string; nameZh: string; annotators: number }[]
  byRegion: { regionCode: string; nameZh: string; enterprises: number; annotators: number }[]
}

export interface MarketReport {
  asOf: AsOf; region: string; from: number; to: number; policyGrowthTarget: number
  years: { year: number; awards: number; awardedValue: number; growth: number | null }[]
  compoundAnnualGrowth: number | null; gapToPolicyLine: number | null
  concentration: { domain: string; nameZh: string; winners: number; awardedValue: number; top10Share: number | null; hhi: number | null }[]
}

export interface AwardsOfYear { asOf: AsOf; region: string; year: number; awards: number; awardedValue: number }

export interface Alert {
  id: string; type: string; severity: string; regionCode: string; entityType: string; entityId: string; subjectName: string
  message: string; messageEn: string; messageZh: string; status: string; statusNote: string | null; raisedAt: string; actedAt: string | null; version: number
}
