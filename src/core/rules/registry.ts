/** The iterators rule files may name. Adding one is a code change; using one is data. */
import { classesListed, codeCorrespondences, emptyLists, groupedSubtotals, hierarchySums, labelledSums, listTotals, outlineTotals, rowIdentities, tableTies, yearChanges } from './iterators/amounts.js';
import { codeCoverage, codeNames, codeRows, emptyTables, standardNames } from './iterators/codes.js';
import { narrativeAmounts, narrativeShares } from './iterators/narrative.js';
import { restatedParts } from './iterators/restated-parts.js';
import { repeatedSentences } from './iterators/repeated-sentences.js';
import { breakdownChanges } from './iterators/breakdown-changes.js';
import { unitBudgets } from './iterators/unit-budgets.js';
import { classLists } from './iterators/class-lists.js';
import { narrativeAmountChanges, narrativeBreakdowns, narrativeChangePairs, narrativeChangeStatements, narrativeItems, narrativeSections, narrativeText } from './iterators/narrative-items.js';
import { goalIndicatorValues, indicators, narrativeProjects, targetAnnualWithinWhole, targetBudgetSum, targetTextAmounts, targetBudgetsTotal, targetCategories, targetListTotals, targetPlan, targetTexts, targetWeights } from './iterators/targets.js';
import { tableColumns } from './iterators/columns.js';
import { narrativeProjectCounts } from './iterators/narrative-project-counts.js';
import { summaryLines } from './iterators/summary-lines.js';
import { outlineSums } from './iterators/outline-sums.js';
import { yearBlockChanges } from './iterators/year-blocks.js';
import { projectAmounts, projectsListed, targetProjectAmounts } from './iterators/projects.js';
import { listedItems, listedNames, standardWordings } from './iterators/near-misses.js';
import { subjectNameOrders } from './iterators/word-order.js';
import { titlePrefixes } from './iterators/title-prefixes.js';
import { narrativeSubjectCodes } from './iterators/narrative-codes.js';
import { narrativeMagnitudes } from './iterators/narrative-magnitudes.js';
import { narrativeBlockChanges } from './iterators/narrative-block-changes.js';
import { narrativeShareOfTotal } from './iterators/narrative-share-of-total.js';
import { narrativeReasonChanges } from './iterators/narrative-reasons.js';
import { textBrackets, textQuotes } from './iterators/text-brackets.js';
import { narrativeNamedChanges } from './iterators/narrative-named-changes.js';
import { cutTexts } from './iterators/cut-texts.js';
import { categoryGaps } from './iterators/category-gaps.js';
import { overallIndicators } from './iterators/overall-indicators.js';
import { repeatedParagraphs } from './iterators/repeated-paragraphs.js';
import { documentTitles } from './iterators/document-titles.js';
import { introducedNames } from './iterators/introduced-names.js';
import { headingNumbers } from './iterators/heading-numbers.js';
import type { IteratorDef } from './registry-types.js';

export const ITERATORS: ReadonlyMap<string, IteratorDef<any>> = new Map(
  [
    hierarchySums,
    rowIdentities,
    labelledSums,
    outlineSums,
    yearBlockChanges,
    listTotals,
    emptyLists,
    yearChanges,
    outlineTotals,
    projectAmounts,
    targetProjectAmounts,
    projectsListed,
    groupedSubtotals,
    tableTies,
    classesListed,
    codeCorrespondences,
    summaryLines,
    standardNames,
    narrativeAmounts,
    narrativeShares,
    narrativeShareOfTotal,
    narrativeReasonChanges,
    textBrackets,
    textQuotes,
    narrativeProjectCounts,
    narrativeItems,
    narrativeText,
    narrativeBreakdowns,
    narrativeChangePairs,
    restatedParts,
    repeatedSentences,
    breakdownChanges,
    unitBudgets,
    classLists,
    narrativeAmountChanges,
    narrativeNamedChanges,
    cutTexts,
    repeatedParagraphs,
    documentTitles,
    introducedNames,
    headingNumbers,
    narrativeChangeStatements,
    narrativeSections,
    narrativeSubjectCodes,
    narrativeMagnitudes,
    narrativeBlockChanges,
    targetBudgetSum,
    targetAnnualWithinWhole,
    goalIndicatorValues,
    targetBudgetsTotal,
    targetListTotals,
    targetCategories,
    targetWeights,
    categoryGaps,
    overallIndicators,
    targetPlan,
    targetTexts,
    indicators,
    narrativeProjects,
    targetTextAmounts,
    codeRows,
    codeNames,
    codeCoverage,
    emptyTables,
    tableColumns,
    listedNames,
    listedItems,
    standardWordings,
    subjectNameOrders,
    titlePrefixes,
  ].map((it) => [it.name, it as IteratorDef<any>]),
);
