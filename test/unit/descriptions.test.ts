/**
 * The wording rules of n8n's UX guidelines that can be read off the nodes' and credentials' descriptions:
 * every placeholder of a value is an example ("e.g. …"); collections keep n8n's "Add …" buttons.
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { HaloPsaMarketplaceOAuth2Api } from '../../credentials/HaloPsaMarketplaceOAuth2Api.credentials';
import { HighLevelPaymentsApi } from '../../credentials/HighLevelPaymentsApi.credentials';
import { HighLevelPaymentsOAuth2Api } from '../../credentials/HighLevelPaymentsOAuth2Api.credentials';
import { IngramMicroMarketplaceApi } from '../../credentials/IngramMicroMarketplaceApi.credentials';
import { HaloPsaMarketplace } from '../../nodes/HaloPsaMarketplace/HaloPsaMarketplace.node';
import { HaloPsaMarketplaceTrigger } from '../../nodes/HaloPsaMarketplaceTrigger/HaloPsaMarketplaceTrigger.node';
import { HighLevelPayments } from '../../nodes/HighLevelPayments/HighLevelPayments.node';
import { HighLevelPaymentsPollingTrigger } from '../../nodes/HighLevelPaymentsPollingTrigger/HighLevelPaymentsPollingTrigger.node';
import { HighLevelPaymentsTrigger } from '../../nodes/HighLevelPaymentsTrigger/HighLevelPaymentsTrigger.node';
import { IngramMicroMarketplace } from '../../nodes/IngramMicroMarketplace/IngramMicroMarketplace.node';

const nodes: INodeTypeDescription[] = [
	new HaloPsaMarketplace().description,
	new HaloPsaMarketplaceTrigger().description,
	new HighLevelPayments().description,
	new HighLevelPaymentsTrigger().description,
	new HighLevelPaymentsPollingTrigger().description,
	new IngramMicroMarketplace().description,
];
const credentials = [
	new HaloPsaMarketplaceOAuth2Api(),
	new HighLevelPaymentsApi(),
	new HighLevelPaymentsOAuth2Api(),
	new IngramMicroMarketplaceApi(),
];

/** Every property with the path a user would follow to it, nested options and modes included. */
function* walk(properties: readonly unknown[], path: string): Generator<[string, INodeProperties]> {
	for (const raw of properties) {
		const property = raw as INodeProperties & { values?: unknown[]; modes?: unknown[] };
		const here = `${path} > ${property.displayName ?? property.name}`;
		yield [here, property];
		for (const nested of [property.options, property.values, property.modes])
			if (Array.isArray(nested)) yield* walk(nested, here);
	}
}

const placeholders = [
	...nodes.flatMap((node) => [...walk(node.properties, node.displayName)]),
	...credentials.flatMap((credential) => [...walk(credential.properties, credential.displayName)]),
]
	.filter(([, p]) => typeof p.placeholder === 'string' && p.placeholder !== '')
	.map(([path, p]) => [path, p.type, p.placeholder as string] as const);

test('there are placeholders to check', () => {
	expect(placeholders.length).toBeGreaterThan(20);
});

test.each(placeholders)('%s (%s): %j', (_path, type, placeholder) => {
	if (type === 'collection' || type === 'fixedCollection') expect(placeholder).toMatch(/^Add /);
	else expect(placeholder).toMatch(/^e\.g\. \S/);
});
