/**
 * The HaloPSA node's versions and what each one changed, in one place: the node states them, and
 * the router and the operations read from here which layout a node of some version shows (saved
 * workflows keep theirs).
 */
export const HALO_VERSIONS = [1, 1.1, 1.2];

/** 1.1: one Options box (the timeout in it), as n8n's built-in nodes have. */
export const OPTIONS_BOX_FROM = 1.1;

/**
 * 1.2: Get Many's own options (search, order, page size …) in that one box, no second box; Create
 * or Update names the record to update first (From List / By ID, empty creates), Simplify last;
 * Link to Ticket picks the ticket from Halo's tickets.
 */
export const ONE_BOX_PER_PANEL_FROM = 1.2;

export const versionsBefore = (version: number) => HALO_VERSIONS.filter((v) => v < version);
export const versionsFrom = (version: number) => HALO_VERSIONS.filter((v) => v >= version);
