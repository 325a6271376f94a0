import type { INodeProperties } from 'n8n-workflow';
import {
	isServerOnlyField,
	isWriteOnlyField,
	type FieldSpec,
	type HaloResource,
} from '../resources/resourceTable';

/** `top_level_name` -> `Top Level Name`; acronyms Halo uses are kept upper case. */
export function titleCase(name: string): string {
	const words = name.replace(/^_+/, '').split('_').filter(Boolean);
	const upper = new Set(['id', 'url', 'uri', 'po', 'api', 'guid', 'sku', 'so', 'erp', 'json']);
	return words
		.map((w) => (upper.has(w) ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1)))
		.join(' ');
}

/** One typed input for a seed field: toggles for booleans, numbers for integers, dates, JSON for arrays and objects, passwords for `new_*`. */
export function fieldProperty([name, type, description]: FieldSpec): INodeProperties {
	const base = { displayName: titleCase(name), name, description };
	switch (type) {
		case 'boolean':
			return { ...base, type: 'boolean', default: false };
		case 'integer':
			return { ...base, type: 'number', typeOptions: { numberPrecision: 0 }, default: 0 };
		case 'number':
			return { ...base, type: 'number', default: 0 };
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' };
		case 'array':
			return { ...base, type: 'json', default: '[]' };
		case 'object':
			return { ...base, type: 'json', default: '{}' };
		case 'uuid':
			return {
				...base,
				type: 'string',
				default: '',
				placeholder: 'e.g. 00000000-0000-0000-0000-000000000000',
			};
		default:
			return isWriteOnlyField(name)
				? { ...base, type: 'string', typeOptions: { password: true }, default: '' }
				: { ...base, type: 'string', default: '' };
	}
}

/** The fields a user may write: everything but the record key (its own parameter) and Halo's `_warning`. */
export function writableFields(resource: HaloResource): INodeProperties[] {
	return resource.fields
		.filter(([name]) => name !== resource.key && !isServerOnlyField(name))
		.map(fieldProperty)
		.sort((a, b) => a.displayName.localeCompare(b.displayName));
}
