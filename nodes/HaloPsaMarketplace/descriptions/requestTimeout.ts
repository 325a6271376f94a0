import { wholeNumberIn } from '../../shared/numbers';
import { NodeOperationError, type IPollFunctions } from 'n8n-workflow';
import { DEFAULT_TIMEOUT_SECONDS, timeoutProperty } from '../../shared/actions/requestOptions';

/**
 * One time limit for every HaloPSA call of a node (the action node and the trigger both offer it).
 */
export const requestTimeoutProperty = timeoutProperty('HaloPSA');

/** The trigger's time limit (the action node reads it with its other request settings). */
export function requestTimeoutMs(this: IPollFunctions): number {
	const seconds = this.getNodeParameter('timeoutSeconds', DEFAULT_TIMEOUT_SECONDS) as number;
	if (wholeNumberIn(seconds, 1, 600) === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`Timeout (Seconds) must be a whole number from 1 to 600, got ${seconds}`,
			{ description: 'Set how long to wait for each HaloPSA answer (120 suits most instances).' },
		);
	}
	return seconds * 1000;
}
