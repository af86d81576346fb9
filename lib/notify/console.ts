import type { CodeDelivery, Notifier } from './notifier';

// Development delivery: the code is printed on the worker's console, which stands in for the
// cardholder's phone. This line is the delivery itself — the one place a code is ever written out.

export function consoleNotifier(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Notifier {
  return {
    channel: 'console',
    async deliver(message: CodeDelivery) {
      const what = message.kind === 'THREE_DS_OTP' ? '3-D Secure code' : 'wallet activation code';
      const to = message.recipient.name ?? message.recipient.email ?? message.recipient.phone ?? 'the cardholder';
      const card = message.card.last4 ? `card •••• ${message.card.last4}` : `card ${message.card.sparadosCardId}`;
      write(`[notify] ${what} ${message.code} for ${to} (${card}): ${message.context}`);
    },
  };
}
