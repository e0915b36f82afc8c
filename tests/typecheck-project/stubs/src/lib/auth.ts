// Stand-in for the app's session lookup (`@/lib/auth`), whatever auth library
// backs it. Returns null when nobody is signed in.
export interface CurrentUser {
  id: string;
  email: string;
}

export declare function getCurrentUser(): Promise<CurrentUser | null>;
