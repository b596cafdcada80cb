/** The password of every account the factory makes. */
export const TEST_PASSWORD = "a long enough test passphrase";

export interface NewUser {
  username: string;
  email: string;
  name: string;
  password: string;
}

let sequence = 0;

/**
 * Sign-up data nobody else in this run has (unique username and email, across processes too), valid
 * for the sign-up schema. `prefix` names where it came from, to read logs and rows by.
 */
export function newUserData(overrides: Partial<NewUser> & { prefix?: string } = {}): NewUser {
  const { prefix = "user", ...chosen } = overrides;
  const id = `${Date.now().toString(36)}${process.pid.toString(36)}${(sequence++).toString(36)}`;
  const given = Object.fromEntries(Object.entries(chosen).filter(([, value]) => value !== undefined));
  return {
    username: `${prefix.slice(0, 12)}_${id}`,
    email: `${prefix}.${id}@example.test`,
    name: `Person ${id}`,
    password: TEST_PASSWORD,
    ...given,
  };
}
