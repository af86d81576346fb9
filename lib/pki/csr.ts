import { x509 } from './x509';
import { RSA_SIGNING } from './keys';
import { fromX509Name, toX509Name, type SubjectFields } from './names';

export async function createCsr(options: { subject: SubjectFields; keys: CryptoKeyPair }): Promise<string> {
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: toX509Name(options.subject),
    keys: options.keys,
    signingAlgorithm: RSA_SIGNING,
  });
  return csr.toString('pem') + '\n';
}

export interface ParsedCsr {
  subject: SubjectFields;
  subjectText: string;
  signatureValid: boolean;
  publicKey: CryptoKey;
}

export async function parseCsr(pem: string): Promise<ParsedCsr> {
  const csr = new x509.Pkcs10CertificateRequest(pem);
  return {
    subject: fromX509Name(csr.subjectName),
    subjectText: csr.subject,
    signatureValid: await csr.verify(),
    publicKey: await csr.publicKey.export(RSA_SIGNING, ['verify']),
  };
}
