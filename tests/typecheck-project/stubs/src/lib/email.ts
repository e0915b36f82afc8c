// Stand-in for the app's mailer (`@/lib/email`). Skills only need its
// signatures to type-check; a real app sends mail here (Resend, SES, ...).
export interface SentEmail {
  id: string;
}

export declare function sendWelcomeEmail(input: { to: string; name: string }): Promise<SentEmail>;

export declare function sendOnboardingEmail(input: { to: string; name: string }): Promise<SentEmail>;
