// A development OpenID provider (npm oidc-provider) for Tasklane's OpenID Connect sign-in: ./run.sh and the tests
// start it through scripts/services.sh. Never expose it: anyone can sign in as anyone.
//
//   node server.js --port N [--host 127.0.0.1]
//
// Issuer http://HOST:PORT. One client, `tasklane` with secret `tasklane-dev-secret`, a native (RFC 8252) client so
// that its loopback redirect URIs match on any port: http://127.0.0.1:*/api/v1/auth/oidc/dev/callback and the same on
// localhost (./run.sh serves :8080, the tests' hosts free ports). PKCE is required.
//
// Sign-in is oidc-provider's development interaction (GET /interaction/:uid shows a form; POST it with prompt=login,
// login=NAME and any password, then prompt=consent): plain HTTP, so a test can walk it without a browser.
// Fixed users (login name -> claims):
//   ann  ann@oidc.tasklane.test, email_verified true
//   bob  bob@oidc.tasklane.test, email_verified false
//   cat  cat@oidc.tasklane.test, email_verified true, groups ["tasklane-admins"]
// Any other login that holds an '@' is a user with that email, so each test can have its own:
// `EMAIL[#unverified][#groups=G1,G2]`, e.g. `x-1@example.com#groups=tasklane-admins`. The login is the subject.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error('usage: node server.js --port N [--host 127.0.0.1]');
  process.exit(2);
}

const fixed = {
  ann: { email: 'ann@oidc.tasklane.test', email_verified: true, name: 'Ann (dev provider)' },
  bob: { email: 'bob@oidc.tasklane.test', email_verified: false, name: 'Bob (dev provider, unverified email)' },
  cat: { email: 'cat@oidc.tasklane.test', email_verified: true, name: 'Cat (dev provider, tasklane-admins)', groups: ['tasklane-admins'] },
};

function userFor(login) {
  if (Object.hasOwn(fixed, login)) {
    return fixed[login];
  }

  const [email, ...flags] = login.split('#');
  if (!email.includes('@')) {
    return undefined;
  }

  const user = { email, email_verified: !flags.includes('unverified'), name: email.split('@')[0] };
  const groups = flags.find((flag) => flag.startsWith('groups='));
  if (groups) {
    user.groups = groups.slice('groups='.length).split(',').filter(Boolean);
  }

  return user;
}

// Keys live as long as the process: the hosts fetch them from /jwks again when a token names a key they do not know.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

const provider = new Provider(`http://${values.host}:${port}`, {
  clients: [
    {
      client_id: 'tasklane',
      client_secret: 'tasklane-dev-secret',
      application_type: 'native',
      redirect_uris: ['http://127.0.0.1/api/v1/auth/oidc/dev/callback', 'http://localhost/api/v1/auth/oidc/dev/callback'],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  async findAccount(_ctx, id) {
    const user = userFor(id);
    return user && { accountId: id, claims: () => ({ sub: id, ...user }) };
  },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    groups: ['groups'],
  },
  scopes: ['openid', 'email', 'profile', 'groups'],
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' }] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
});

provider.listen(port, values.host, () => {
  console.log(`oidc-provider: issuer http://${values.host}:${port}, discovery /.well-known/openid-configuration`);
});
