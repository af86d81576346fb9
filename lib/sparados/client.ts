import 'server-only';
import type { Dispatcher } from 'undici';
import { SparadosTransport, type TransportOptions } from './call';
import { assertContractAllows } from './contract';
import { balanceCalls } from './calls/balances';
import { cardCalls } from './calls/cards';
import { transactionCalls } from './calls/transactions';
import { userCalls } from './calls/users';
import { approvalCalls, DEFAULT_VERIFICATION_SCAN, type VerificationScan } from './calls/approvals';
import { getResolvedSparadosConfig, getSparadosConfig, type SparadosConfig } from './config';
import { getSparadosAgent } from './dispatcher';
import { configureSparadosLog, log } from './log';
import type { RetryPolicy } from './retry';
import { setUnknownEnumListener } from './schemas/common';

// The one place the panel talks to Sparados. Works unchanged against the sandbox, BETA and PROD:
// only the configuration differs.

export interface SparadosClientOptions {
  /** Defaults to the environment (SPARADOS_* variables), checked on first use. */
  config?: SparadosConfig;
  /** Per-attempt timeout; defaults to SPARADOS_TIMEOUT_MS. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Defaults to the process-wide keep-alive Agent with the client certificate. */
  dispatcher?: Dispatcher;
  /** How far "did my create happen?" reads scan the approval lists; defaults to 20 pages of 100 per list. */
  verificationScan?: Partial<VerificationScan>;
  /** Refuses calls before they are sent (TransportOptions.guard). */
  guard?: TransportOptions['guard'];
}

const reportedEnums = new Set<string>();
let announced = false;

function announce(): void {
  if (announced) return;
  announced = true;
  for (const problem of getResolvedSparadosConfig().problems) {
    if (problem.severity === 'warning') log('warn', 'config_warning', { message: problem.message });
  }
}

export function createSparadosClient(options: SparadosClientOptions = {}) {
  const config = options.config ?? getSparadosConfig();
  configureSparadosLog({ level: config.logLevel });
  if (!options.config) announce();
  setUnknownEnumListener((enumName, value) => {
    const key = `${enumName}:${value}`;
    if (reportedEnums.has(key)) return;
    reportedEnums.add(key);
    log('warn', 'unknown_enum_value', { enum: enumName, value });
  });

  const transport = new SparadosTransport({
    baseUrls: config.baseUrls,
    dispatcher: options.dispatcher ?? getSparadosAgent(config),
    timeoutMs: options.timeoutMs ?? config.timeoutMs,
    retry: options.retry,
    guard: options.guard,
  });

  return {
    config,
    transport,
    ...approvalCalls(transport, { ...DEFAULT_VERIFICATION_SCAN, ...options.verificationScan }),
    ...balanceCalls(transport, config.balanceId),
    ...cardCalls(transport),
    ...userCalls(transport),
    ...transactionCalls(transport),
  };
}

export type SparadosClient = ReturnType<typeof createSparadosClient>;

let defaultClient: SparadosClient | undefined;

/** The process-wide client on the environment's configuration; Full API calls need a Full contract. */
export function getSparadosClient(): SparadosClient {
  defaultClient ??= createSparadosClient({ guard: assertContractAllows });
  return defaultClient;
}
