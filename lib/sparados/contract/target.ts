import type { TestContext } from 'vitest';

// What the contract suite may do against the configured target. Against the sandbox everything
// runs; against BETA/PROD only read-only calls, unless writes are allowed explicitly, and never the
// sandbox control API (there is no end user, card network or clock to drive there).
// Test code: it reads the two variables scripts/contract.ts and the integration setup set.

export type Capability = 'writes' | 'control';

export interface ContractTarget {
  /** Base URL of the sandbox (control API at /_sandbox), or null against real Sparados. */
  sandboxUrl: string | null;
  can: Record<Capability, boolean>;
}

export function contractTarget(): ContractTarget {
  const sandboxUrl = process.env.SANDBOX_URL || null;
  const allowWrites = process.env.SPARADOS_CONTRACT_ALLOW_WRITES === '1';
  return { sandboxUrl, can: { control: sandboxUrl !== null, writes: sandboxUrl !== null || allowWrites } };
}

const REASONS: Record<Capability, string> = {
  writes: 'changes data on Sparados; run with --allow-writes to include it',
  control: 'needs the sandbox control API (end user, card network, clock), which only the sandbox has',
};

/** Skips the test with a reason the runner prints, when the target lacks a capability. */
export function need(context: TestContext, target: ContractTarget, ...capabilities: Capability[]): void {
  const missing = capabilities.filter((c) => !target.can[c]);
  if (missing.length > 0) context.skip(missing.map((c) => REASONS[c]).join('; '));
}
