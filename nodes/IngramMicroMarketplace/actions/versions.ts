/**
 * The Ingram Micro node's versions and what each one changed, in one place: the node states them,
 * and the router and the operations read from here which layout a node of some version shows
 * (saved workflows keep theirs).
 */
import { versionTable } from '../../shared/actions/operationKit';

export const INGRAM_VERSIONS = versionTable([1, 1.1, 1.2, 1.3]);

/** 1.1: Customer > Create shows Ingram Micro's required fields at the top of the panel. */
export const REQUIRED_CUSTOMER_FIELDS_FROM = 1.1;

/** 1.2: one Options box (the timeout in it), as n8n's built-in nodes have. */
export const OPTIONS_BOX_FROM = 1.2;

/** 1.3: Get and Get Many offer Output (Simplified, Raw, Selected Fields) instead of Simplify. */
export const OUTPUT_FROM = 1.3;
