/** A UUID in any case; adapters lowercase it so that one record always has one id. */
export const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const WHOLE_UUID = new RegExp(`^${UUID}$`);

export function isUuid(value: string): boolean {
  return WHOLE_UUID.test(value);
}

/** `base` without trailing slashes, so a caller may pass it either way. */
export function trimBase(base: string): string {
  return base.replace(/\/+$/, '');
}
