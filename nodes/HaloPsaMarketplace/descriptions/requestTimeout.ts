import type { IExecuteSingleFunctions, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const DEFAULT_SECONDS = 120;

/** One time limit for every HaloPSA call of a node (the action node and the trigger both offer it). */
export const requestTimeoutProperty: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeoutSeconds',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 600 },
	default: DEFAULT_SECONDS,
	description: 'How long to wait for each HaloPSA answer. A read that times out is tried again; a create is not (it may have been saved).',
};

export function requestTimeoutMs(this: IExecuteSingleFunctions | IPollFunctions): number {
	const seconds = this.getNodeParameter('timeoutSeconds', DEFAULT_SECONDS) as number;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
		throw new NodeOperationError(this.getNode(), `Timeout (Seconds) must be a number from 1 to 600, got ${seconds}`, { description: 'Set how long to wait for each HaloPSA answer (120 suits most instances).' });
	}
	return seconds * 1000;
}
