/**
 * The HighLevel Payments node's versions and what each one changed, in one place: the node states
 * them, and the router and the operations read from here which layout a node of some version
 * shows (saved workflows keep theirs).
 */
import { versionTable } from '../../shared/actions/operationKit';

export const HIGHLEVEL_VERSIONS = versionTable([1, 1.1, 1.2]);

/** 1.1: one Options box (the timeout and the Location ID override in it). */
export const OPTIONS_BOX_FROM = 1.1;

/** 1.2: Get and Get Many offer Output (Simplified, Raw, Selected Fields) instead of Simplify. */
export const OUTPUT_FROM = 1.2;
