import type { DeclarativeRestApiSettings, IExecutePaginationFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';

type Runner = (this: IExecutePaginationFunctions, requestData: DeclarativeRestApiSettings.ResultOptions) => Promise<INodeExecutionData[]>;

/**
 * Routing for an operation option that a transport runs whole: n8n's RoutingNode hands the request
 * to `runner` as its "pagination" function, so paging, retries and errors live in one module.
 */
export const viaTransport =
	(runner: Runner) =>
	(method: string, url: string): INodePropertyOptions['routing'] => ({
		request: { method: method as 'GET', url },
		send: { paginate: true },
		operations: { pagination: runner },
	});
