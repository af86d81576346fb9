import type { Channel, ChannelAttempt, CodeDelivery, Notifier } from './notifier';

// The one router over the configured channels: the address Sparados asked for first (on its channel, when
// that channel is configured), then each channel in NOTIFIER's order that can reach the cardholder, until
// one accepts. Reasons for failure are kept without the code, whatever the channel put in them.

const MAX_ERROR = 300;

export function withoutCode(text: string, code: string): string {
  const clean = code ? text.split(code).join('••••') : text;
  return clean.length > MAX_ERROR ? `${clean.slice(0, MAX_ERROR)}…` : clean;
}

function reason(error: unknown): string {
  if (error instanceof Error) return (error as Error & { code?: string }).code ? `${(error as Error & { code?: string }).code}: ${error.message}` : error.message;
  return String(error);
}

export function createNotifier(channels: readonly Channel[]): Notifier {
  return {
    channels: channels.map((c) => c.name),
    async deliver(message: CodeDelivery): Promise<ChannelAttempt[]> {
      const candidates: Array<{ channel: Channel; to: string }> = [];
      const requested = message.requested ? channels.find((c) => c.name === message.requested!.channel) : undefined;
      if (requested && message.requested) candidates.push({ channel: requested, to: message.requested.to });
      for (const channel of channels) {
        const to = channel.addressFor(message);
        if (to && !candidates.some((c) => c.channel === channel && c.to === to)) candidates.push({ channel, to });
      }
      const attempts: ChannelAttempt[] = [];
      for (const { channel, to } of candidates) {
        try {
          await channel.send(message, to);
          attempts.push({ channel: channel.name, to, error: null });
          return attempts;
        } catch (error) {
          attempts.push({ channel: channel.name, to, error: withoutCode(reason(error), message.code) });
        }
      }
      return attempts;
    },
  };
}
