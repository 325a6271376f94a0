/** A HighLevel sandbox, an alert inbox and a real n8n holding a Private Integration Token credential for it: the start of the HighLevel trigger suites. */
import { Collector } from '../sandbox/collector';
import { HighLevelSandbox } from '../sandbox/highLevelSandbox';
import { RealN8n } from './realN8n';

export const HIGHLEVEL_PIT = { highLevelPaymentsApi: { id: 'hl-pit', name: 'HighLevel PIT' } };

export async function highLevelTriggersWithN8n() {
	const hl = new HighLevelSandbox();
	const url = await hl.start();
	const inbox = new Collector();
	await inbox.start();
	const n8n = new RealN8n();
	await n8n.importCredentials([
		{
			...HIGHLEVEL_PIT.highLevelPaymentsApi,
			type: 'highLevelPaymentsApi',
			data: { apiKey: hl.options.privateToken, locationId: hl.options.locationId, apiBaseUrl: url },
		},
	]);
	const stop = async () => {
		await inbox.stop();
		await hl.stop();
		n8n.cleanup();
	};
	return { hl, inbox, n8n, stop };
}
