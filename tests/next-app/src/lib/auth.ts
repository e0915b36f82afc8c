// Runtime stand-in for the app's session lookup (`@/lib/auth`); same shape as the type-check stub.
export interface CurrentUser {
  id: string;
  email: string;
}

export async function getCurrentUser(): Promise<CurrentUser | null> {
  return null;
}
