// Runtime stand-in for the app's mailer (`@/lib/email`); same shape as the type-check stub.
export interface SentEmail {
  id: string;
}

export async function sendWelcomeEmail(input: { to: string; name: string }): Promise<SentEmail> {
  return { id: `welcome-${input.to}` };
}

export async function sendOnboardingEmail(input: { to: string; name: string }): Promise<SentEmail> {
  return { id: `onboarding-${input.to}` };
}
