// Test-only helpers for the approval integration tests: the sandbox control API over the client's
// own certificate, and a Simple API request with a unique person. Not imported by panel code.
import type { Dispatcher } from 'undici';
import { closeSparadosAgents, getSparadosConfig } from '@/lib/sparados';
import { simpleApproval } from '@/lib/sparados/contract/fixtures';
import { sandboxControl, type SandboxControl } from '@/lib/sparados/contract/sandbox-control';
import { createSparadosAgent } from '@/lib/sparados/dispatcher';
import type { CreateApprovalInput } from '@/lib/sparados/schemas/approvals';

export interface SandboxHarness {
  control: SandboxControl;
  cardAliasId: string;
  request(overrides?: Partial<CreateApprovalInput['rules']>): CreateApprovalInput;
  moveClock(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function sandboxHarness(): Promise<SandboxHarness> {
  const url = process.env.SANDBOX_URL;
  if (!url) throw new Error('SANDBOX_URL is not set: these tests need the sandbox');
  const agent: Dispatcher = createSparadosAgent(getSparadosConfig());
  const control = sandboxControl(url, agent);
  const cardAliasId = (await control.corporation()).balances[0]!.cardAliasId;
  return {
    control,
    cardAliasId,
    request: (overrides) => simpleApproval(cardAliasId, overrides),
    moveClock: async (ms) => {
      await control.call('POST', '/clock', { advanceMs: ms });
    },
    close: async () => {
      await agent.close();
      await closeSparadosAgents();
    },
  };
}
