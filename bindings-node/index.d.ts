// Public API of the `weir` npm package. The data types are generated into types.d.ts from
// core/schema; a test checks that this file declares exactly what index.js exports.
import type {
  LabelSelectorMatch,
  LabelSelectorMatchInput,
  NodeSelectorMatch,
  NodeSelectorMatchInput,
  ParsedQuantity,
  ErrorDetails,
} from './types';

export * from './types';

/** The error every weir function throws: `code` is stable, `details` structured. */
export interface WeirError extends Error {
  code: 'validation' | 'parse_quantity' | 'invalid_input';
  details: ErrorDetails;
}

/** Parse a Kubernetes quantity ('500m', '1.5Gi', 0.5): canonical form, format, exact values. */
export declare function parseQuantity(quantity: string | number): ParsedQuantity;
/** Check label keys and values; throws a 'validation' error listing every bad entry. */
export declare function validateLabels(labels: Record<string, string>): null;
/** Validate a label selector and test labels: {selector, labels} → {matches}. */
export declare function matchLabelSelector(input: LabelSelectorMatchInput): LabelSelectorMatch;
/** Validate a node selector and test a node: {nodeSelector, nodeName, labels} → {matches, matchedTerm?}. */
export declare function matchNodeSelector(input: NodeSelectorMatchInput): NodeSelectorMatch;
/** The version of the native addon. */
export declare const version: string;
