import type { CodeDelivery } from './notifier';

// The words a cardholder reads with a code, the same on every channel: what it is for, which card, and
// the warning that makes a code worth having. SMS gets the short form.

function cardWords(message: CodeDelivery): string {
  return message.card.last4 ? `your company card •••• ${message.card.last4}` : 'your company card';
}

export function codeSubject(message: CodeDelivery): string {
  return message.kind === 'THREE_DS_OTP' ? 'Your payment confirmation code' : 'Your wallet activation code';
}

export function codeText(message: CodeDelivery): string {
  const purpose =
    message.kind === 'THREE_DS_OTP'
      ? `to confirm a payment of ${message.context} with ${cardWords(message)}`
      : `to add ${cardWords(message)} to ${message.context}`;
  return [
    `${message.code} is your code ${purpose}.`,
    'Never share it: nobody from your company or the bank will ask for it.',
    message.kind === 'THREE_DS_OTP'
      ? 'If you did not start this payment, do not enter the code and tell your finance team.'
      : 'If you are not adding your card to a wallet, do not enter the code and tell your finance team.',
  ].join('\n');
}

export function codeSms(message: CodeDelivery): string {
  const purpose = message.kind === 'THREE_DS_OTP' ? `payment ${message.context}` : `adding your card to ${message.context}`;
  return `${message.code} is your code for ${purpose}${message.card.last4 ? ` (card ${message.card.last4})` : ''}. Never share it.`;
}
