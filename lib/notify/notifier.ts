// How a one-time code reaches the cardholder (issue 7 item 1, issue 12 item 8). Sparados hands the partner
// 3DS OTPs and wallet activation codes; the partner delivers them. The panel knows channels (e-mail, SMS,
// the development console) and one router over them; which channels run is configuration (NOTIFIER).

export type ChannelName = 'email' | 'sms' | 'console';

export interface CodeDelivery {
  kind: 'THREE_DS_OTP' | 'WALLET_ACTIVATION_CODE';
  /** The secret itself: given to the channel, never logged or stored by the caller. */
  code: string;
  recipient: { name: string | null; email: string | null; phone: string | null };
  card: { sparadosCardId: string; last4: string | null };
  /** Shown with the code so the cardholder recognises the request ("12.30 PLN at Shop", "Apple Pay on a phone"). */
  context: string;
  /** Where Sparados asked for the code to go (a wallet's activation method), tried before anything else. */
  requested?: { channel: 'email' | 'sms'; to: string } | null;
}

export interface Channel {
  readonly name: ChannelName;
  /** The address this channel would use for the cardholder, or null when it cannot reach them. */
  addressFor(message: CodeDelivery): string | null;
  /** Resolves when the channel accepted the message; rejects with a reason (the router removes the code from it). */
  send(message: CodeDelivery, to: string): Promise<void>;
}

/** One try on one channel; `error` is null when the channel accepted the message. Never holds the code. */
export interface ChannelAttempt {
  channel: ChannelName;
  to: string;
  error: string | null;
}

export interface Notifier {
  /** Channels in order of preference, for the record ("email, sms"). */
  readonly channels: readonly ChannelName[];
  /** Tries channels until one accepts; resolves with every try (the last one succeeded unless all failed). */
  deliver(message: CodeDelivery): Promise<ChannelAttempt[]>;
}
