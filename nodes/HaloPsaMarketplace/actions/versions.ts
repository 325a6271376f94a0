/**
 * The HaloPSA node's versions and what each one changed, in one place: the node states them, and
 * the router and the operations read from here which layout a node of some version shows (saved
 * workflows keep theirs).
 */
import { versionTable } from '../../shared/actions/operationKit';

export const HALO_VERSIONS = versionTable([1, 1.1, 1.2]);

/** 1.1: one Options box (the timeout in it), as n8n's built-in nodes have. */
export const OPTIONS_BOX_FROM = 1.1;

/**
 * 1.2: Get Many's own options (search, order, page size …) in that one box, no second box; Create
 * or Update names the record to update first (From List / By ID, empty creates), Simplify last;
 * Link to Ticket picks the ticket from Halo's tickets; Get and Get Many offer Output (Simplified,
 * Raw, Selected Fields) instead of Simplify.
 */
export const ONE_BOX_PER_PANEL_FROM = 1.2;
