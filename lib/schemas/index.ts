export * from './common';
export * from './suggestion';
export * from './decision';
export * from './policy';
export * from './audit';
export * from './errors';
export * from './user';
