// How a one-time code reaches the cardholder (issue 7 item 1). Sparados hands the partner 3DS OTPs
// and wallet activation codes; the partner delivers them (SMS, e-mail, push…). The panel only knows
// this interface; which implementation runs is configuration (NOTIFIER).

export interface CodeDelivery {
  kind: 'THREE_DS_OTP' | 'WALLET_ACTIVATION_CODE';
  /** The secret itself: given to the channel, never logged or stored by the caller. */
  code: string;
  recipient: { name: string | null; email: string | null; phone: string | null };
  card: { sparadosCardId: string; last4: string | null };
  /** Shown with the code so the cardholder recognises the request ("12.30 PLN at Shop"). */
  context: string;
}

export interface Notifier {
  /** Short name stored with each delivery (Notification.channel). */
  readonly channel: string;
  /** Resolves when the channel accepted the message; rejects to have the worker retry. */
  deliver(message: CodeDelivery): Promise<void>;
}
