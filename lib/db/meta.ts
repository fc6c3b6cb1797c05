import type { CountersignDb } from './schema';

export async function readMeta<T>(db: CountersignDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function writeMeta(db: CountersignDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}
