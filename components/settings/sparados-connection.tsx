'use client';

import { CheckCircle2, PlugZap, XCircle } from 'lucide-react';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import type { ActionResult } from '@/lib/actions';
import type { ConnectionTestResult } from '@/lib/sparados/connection-test';
import type { SparadosConnectionInfo } from '@/lib/sparados/connection-info';
import { CONTRACT_LABELS, type ContractType } from '@/lib/sparados/contract-type';

// The Sparados connection on the Settings page (ADMIN): environment, base URLs, the client
// certificate and its expiry (warning from 30 days out), configuration problems, and a button
// that makes one read-only call.

const ENVIRONMENT_LABELS = { sandbox: 'Sandbox (local test mode)', beta: 'BETA', prod: 'Production' } as const satisfies Record<
  SparadosConnectionInfo['environment'],
  string
>;

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-3 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className="text-sm break-all text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

function expiryText(days: number): string {
  if (days < 0) return `expired ${-days} day${days === -1 ? '' : 's'} ago`;
  if (days === 0) return 'expires today';
  return `${days} day${days === 1 ? '' : 's'} left`;
}

/** What the Full API probe of "Test connection" means for the contract set in Settings. */
function fullApiWords(probe: ConnectionTestResult['fullApi'], contract: ContractType): { text: string; tone: 'success' | 'warning' } | null {
  if (probe === null) return null;
  if (probe === 'UNKNOWN') return { text: 'Full API: no clear answer; the contract could not be checked.', tone: 'warning' };
  if (probe === 'AVAILABLE') {
    return contract === 'FULL'
      ? { text: `Full API: answers this certificate, as the ${CONTRACT_LABELS.FULL} contract expects.`, tone: 'success' }
      : { text: `Full API: answers this certificate, but the contract is set to ${CONTRACT_LABELS.SIMPLE}. Set it to ${CONTRACT_LABELS.FULL} to use it.`, tone: 'warning' };
  }
  return contract === 'FULL'
    ? { text: `Full API: refused (not part of your contract). Set the contract to ${CONTRACT_LABELS.SIMPLE}.`, tone: 'warning' }
    : { text: `Full API: refused, as the ${CONTRACT_LABELS.SIMPLE} contract expects.`, tone: 'success' };
}

export interface SparadosConnectionProps {
  info: SparadosConnectionInfo;
  contract: ContractType;
  testAction: (input: Record<string, never>) => Promise<ActionResult<ConnectionTestResult>>;
}

export function SparadosConnection({ info, contract, testAction }: SparadosConnectionProps) {
  const [result, setResult] = useState<ActionResult<ConnectionTestResult> | null>(null);
  const [pending, startTransition] = useTransition();
  const certificate = info.certificate;
  const errors = info.problems.filter((p) => p.severity === 'error');
  const warnings = info.problems.filter((p) => p.severity === 'warning');

  const test = () =>
    startTransition(async () => {
      setResult(null);
      setResult(await testAction({}));
    });

  return (
    <Card aria-labelledby="sparados-connection-title">
      <CardHeader>
        <div>
          <CardTitle id="sparados-connection-title">Sparados connection</CardTitle>
          <CardDescription>Mutual TLS with the client certificate Sparados signed. Configured by the SPARADOS_* server variables.</CardDescription>
        </div>
      </CardHeader>
      <CardContent className="space-y-4">
        {errors.length > 0 ? (
          <Alert tone="error">
            <p className="font-medium">The connection is not usable until this is fixed:</p>
            <ul className="mt-1 list-disc pl-5">
              {errors.map((p) => (
                <li key={p.message}>{p.message}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {warnings.length > 0 ? (
          <Alert tone="warning">
            <ul className="list-disc pl-5">
              {warnings.map((p) => (
                <li key={p.message}>{p.message}</li>
              ))}
            </ul>
          </Alert>
        ) : null}

        <dl className="divide-y divide-slate-100">
          <Row term="Environment">
            <Badge tone={info.environment === 'prod' ? 'danger' : info.environment === 'beta' ? 'warning' : 'info'}>{ENVIRONMENT_LABELS[info.environment]}</Badge>
          </Row>
          <Row term="Cards API">{info.baseUrls.cards}</Row>
          <Row term="Transaction history (THC)">{info.baseUrls.thc}</Row>
          <Row term="Full API">{info.baseUrls.full}</Row>
          <Row term="Corporation id">{info.corporationId ?? 'Not configured'}</Row>
          {certificate ? (
            <>
              <Row term="Certificate subject">{certificate.subject}</Row>
              <Row term="Issued by">{certificate.issuer}</Row>
              <Row term="Valid until">
                <span className="inline-flex flex-wrap items-center gap-2">
                  <time dateTime={certificate.notAfter}>{certificate.notAfter.slice(0, 10)}</time>
                  <Badge tone={certificate.daysToExpiry < 0 ? 'danger' : certificate.expiryWarning ? 'warning' : 'success'}>
                    {expiryText(certificate.daysToExpiry)}
                  </Badge>
                </span>
              </Row>
            </>
          ) : (
            <Row term="Certificate">Not loaded</Row>
          )}
        </dl>

        <div className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" onClick={test} pending={pending}>
            <PlugZap aria-hidden="true" className="h-4 w-4" />
            Test connection
          </Button>
          <div aria-live="polite" className="text-sm">
            {result && result.ok ? (
              <span className={`inline-flex items-center gap-1.5 ${result.data.ok ? 'text-emerald-700' : 'text-red-700'}`}>
                {result.data.ok ? <CheckCircle2 aria-hidden="true" className="h-4 w-4" /> : <XCircle aria-hidden="true" className="h-4 w-4" />}
                {result.data.message}
                {result.data.latencyMs !== null ? ` (${result.data.latencyMs} ms)` : ''}
              </span>
            ) : null}
            {result && !result.ok ? <span className="text-red-700">{result.message}</span> : null}
          </div>
        </div>
        {result?.ok && fullApiWords(result.data.fullApi, contract) ? (
          <Alert tone={fullApiWords(result.data.fullApi, contract)!.tone} data-testid="full-api-probe">
            {fullApiWords(result.data.fullApi, contract)!.text}
          </Alert>
        ) : null}
      </CardContent>
    </Card>
  );
}
