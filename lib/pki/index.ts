export * from './keys';
export * from './names';
export * from './certificates';
export * from './csr';
