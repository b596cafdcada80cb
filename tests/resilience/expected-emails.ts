/**
 * The emails a scenario caused, checked against what the provider accepted: each exactly once,
 * and nothing else. A message matches when it goes to the expected address with its kind's subject,
 * so a sign-up's verification email does not stand in for an invitation to the same address.
 */
export const EMAIL_SUBJECTS = {
  /** One per sign-up (server/services/auth.ts). */
  verify: /^Confirm your Parley email address$/,
  invite: /invited you to/,
  reset: /^Reset your Parley password$/,
};

export type EmailKind = keyof typeof EMAIL_SUBJECTS;

export interface ExpectedEmail {
  to: string;
  kind: EmailKind;
}

const matches = (expected: ExpectedEmail, message: { to: string; subject: string }) =>
  message.to === expected.to && EMAIL_SUBJECTS[expected.kind].test(message.subject);

/** Which expected emails never arrived or arrived more than once, and which arrivals nobody expected. */
export function tallyEmails<M extends { to: string; subject: string }>(expected: ExpectedEmail[], arrived: M[]) {
  const counts = expected.map((e) => arrived.filter((m) => matches(e, m)).length);
  return {
    missing: expected.filter((_, i) => counts[i] === 0),
    doubled: expected.filter((_, i) => counts[i]! > 1),
    /** Arrivals beyond the first of each expected email. */
    duplicates: counts.reduce((n, count) => n + Math.max(0, count - 1), 0),
    unexpected: arrived.filter((m) => !expected.some((e) => matches(e, m))),
  };
}

export const describeEmail = (email: { to: string; kind?: EmailKind; subject?: string }) => `${email.kind ?? email.subject} to ${email.to}`;
