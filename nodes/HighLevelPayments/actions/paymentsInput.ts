/**
 * Checks made before anything is sent to HighLevel, so a user learns which field of which item is
 * wrong instead of reading a 422. Each problem names the parameter as the node shows it.
 */
import { z } from 'zod';
import { writtenDate } from '../../shared/dates';
import { WHITE_LABEL_PROVIDERS } from '../resources/paymentsTable';

const httpsUrl = z
	.string()
	.trim()
	.refine((value) => {
		try {
			return new URL(value).protocol === 'https:';
		} catch {
			return false;
		}
	}, 'must be a full https:// address');

export const whiteLabelProviderSchema = z.object({
	uniqueName: z
		.string()
		.trim()
		.regex(
			/^[a-z](?:[a-z-]*[a-z])?$/,
			'may contain only lower-case letters and hyphens, and must start and end with a letter ' +
				'(for example "acme-pay")',
		),
	title: z.string().trim().min(1, 'is required'),
	provider: z.enum(WHITE_LABEL_PROVIDERS, {
		errorMap: () => ({ message: `must be one of ${WHITE_LABEL_PROVIDERS.join(', ')}` }),
	}),
	description: z.string().trim().min(1, 'is required'),
	imageUrl: httpsUrl,
});

export const fulfillmentSchema = z.object({
	trackings: z.array(
		z.object({
			trackingNumber: z.string().trim().min(1, 'is required'),
			shippingCarrier: z.string().trim().optional(),
			trackingUrl: z
				.union([
					z.literal(''),
					z.string().trim().url('must be a full URL such as https://carrier.example/track/1Z999'),
				])
				.optional(),
		}),
	),
	items: z
		.array(
			z.object({
				priceId: z
					.string({ required_error: 'is required' })
					.trim()
					.min(1, 'is required (the price of the product in the order)'),
				qty: z
					.number({ invalid_type_error: 'must be a number' })
					.int('must be a whole number')
					.positive('must be 1 or more'),
			}),
		)
		.min(1, 'needs at least one item (Price ID and Quantity)'),
	notifyCustomer: z.boolean(),
});

/** Display names of the fields, so messages use the words of the node's UI. */
const labels: Record<string, string> = {
	uniqueName: 'Unique Name',
	title: 'Title',
	provider: 'Provider',
	description: 'Description',
	imageUrl: 'Image URL',
	trackings: 'Trackings',
	trackingNumber: 'Tracking Number',
	shippingCarrier: 'Shipping Carrier',
	trackingUrl: 'Tracking URL',
	items: 'Items',
	priceId: 'Price ID',
	qty: 'Quantity',
	notifyCustomer: 'Notify Customer',
};

/**
 * "Items 2 > Quantity must be 1 or more (got 0)". Values are shown, as none of these fields are
 * secret.
 */
export function inputProblems(schema: z.ZodTypeAny, value: unknown): string | undefined {
	const result = schema.safeParse(value);
	if (result.success) return undefined;
	return result.error.issues
		.map((issue) => {
			const path = issue.path
				.map((part) => (typeof part === 'number' ? String(part + 1) : (labels[part] ?? part)))
				.join(' > ');
			let got: unknown = value;
			for (const part of issue.path)
				got = (got as Record<string | number, unknown> | undefined)?.[part];
			const gotText = got === undefined ? '' : ` (got ${JSON.stringify(got)})`;
			return `${path || 'Input'} ${issue.message}${gotText}`;
		})
		.join('; ');
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A list date filter as HighLevel documents it: the calendar date the user picked (`YYYY-MM-DD`),
 * as written, also when the picker adds a time. Anything else is refused with the expected format.
 */
export function dateFilter(value: unknown): { value?: string; problem?: string } {
	const text = String(value ?? '').trim();
	if (!text) return {};
	const date = DATE_TIME.test(text) ? writtenDate(text) : undefined;
	if (date) return { value: date };
	return {
		problem:
			`must be a date such as 2026-01-31 or 2026-01-31T09:00:00Z (got ` +
			`${JSON.stringify(text)})`,
	};
}
