/**
 * Agency installs. A marketplace app installed at agency level holds a Company token (oauth.json:
 * `userType` "Company", `companyId`, `approvedLocations`, no `locationId`), but every payments
 * endpoint takes a Sub-Account token. `POST /oauth/locationToken` exchanges the agency token for
 * one location's token; the tokens are kept per agency token and location in this n8n process and
 * exchanged again when they expire or are refused.
 */
import { createHash } from 'crypto';
import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
} from 'n8n-workflow';
import { request, type ApiConnection, type RequestContext } from '../../shared/transport/apiClient';

/** The agency side of a Company token, or undefined for any other token. */
export function agencyOf(
	credentials: ICredentialDataDecryptedObject,
): { companyId: string; approvedLocations: string[] } | undefined {
	const tokenData = credentials.oauthTokenData as IDataObject | undefined;
	if (tokenData?.userType !== 'Company') return undefined;
	const approved = Array.isArray(tokenData.approvedLocations) ? tokenData.approvedLocations : [];
	return { companyId: String(tokenData.companyId ?? ''), approvedLocations: approved.map(String) };
}

/** A location's token is renewed this long before HighLevel says it expires. */
const RENEW_BEFORE_MS = 60_000;
/** At most this many location tokens are kept; the oldest go first. */
const MAX_KEPT = 500;

const kept = new Map<string, { token: string; expiresAt: number }>();

/**
 * Digests by credential object: an execution reads its credential once, so its agency token is
 * hashed once, not once per item, and nothing here outlives that object.
 */
const digests = new WeakMap<ICredentialDataDecryptedObject, { token: string; digest: string }>();

/** One agency token and one location: the agency token is hashed, never kept as it is. */
function keyOf(credentials: ICredentialDataDecryptedObject, locationId: string) {
	const agencyToken = String((credentials.oauthTokenData as IDataObject).access_token ?? '');
	let known = digests.get(credentials);
	if (known?.token !== agencyToken) {
		known = { token: agencyToken, digest: createHash('sha256').update(agencyToken).digest('hex') };
		digests.set(credentials, known);
	}
	return `${known.digest}:${locationId}`;
}

export const AGENCY_EXCHANGE_PATH = '/oauth/locationToken';

/**
 * The location's token: the one kept, or a new one from `POST /oauth/locationToken`, which n8n
 * signs with the credential's agency token (and renews that token if HighLevel refuses it).
 */
export async function locationToken(
	context: RequestContext,
	connection: ApiConnection,
	locationId: string,
	renew: boolean,
): Promise<string> {
	const key = keyOf(connection.credentials, locationId);
	const found = kept.get(key);
	if (!renew && found && found.expiresAt > Date.now()) return found.token;
	kept.delete(key);
	const answer = (await request(context, connection, {
		method: 'POST',
		path: AGENCY_EXCHANGE_PATH,
		body: { companyId: agencyOf(connection.credentials)?.companyId ?? '', locationId },
		formEncoded: true,
		// HighLevel makes nothing by it: a lost answer is asked for again.
		idempotent: true,
		subject: `A token for location ${locationId}`,
	})) as IDataObject | undefined;
	const token = typeof answer?.access_token === 'string' ? answer.access_token : '';
	if (!token)
		throw new NodeOperationError(
			context.getNode(),
			`HighLevel answered POST ${AGENCY_EXCHANGE_PATH} for location ${locationId} without a token`,
			{
				itemIndex: connection.itemIndex,
				description:
					'Nothing else was sent. Check the API Base URL in the HighLevel Payments credential, ' +
					'and that the app is installed in this sub-account.',
			},
		);
	const lifetime = Number(answer?.expires_in);
	kept.set(key, {
		token,
		expiresAt: Number.isFinite(lifetime)
			? Date.now() + lifetime * 1000 - RENEW_BEFORE_MS
			: Number.POSITIVE_INFINITY,
	});
	if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value as string);
	return token;
}
