// @peculiar/x509 resolves its algorithm providers through tsyringe, which needs the Reflect metadata API
// loaded before the library itself; every module here imports the library through this file for that reason.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };
