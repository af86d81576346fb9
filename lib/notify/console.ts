import type { Channel } from './notifier';

// Development delivery: the code is printed on the worker's console, which stands in for the
// cardholder's phone. This line is the delivery itself; refused in production (lib/notify/index.ts).

export function consoleChannel(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Channel {
  return {
    name: 'console',
    addressFor: (message) => message.recipient.name ?? message.recipient.email ?? message.recipient.phone ?? 'the cardholder',
    async send(message, to) {
      const what = message.kind === 'THREE_DS_OTP' ? '3-D Secure code' : 'wallet activation code';
      const card = message.card.last4 ? `card •••• ${message.card.last4}` : `card ${message.card.sparadosCardId}`;
      write(`[notify] ${what} ${message.code} for ${to} (${card}): ${message.context}`);
    },
  };
}
