// A real OAuth 2.0 authorization server for the runtime tests, built on oauth2-mock-server
// (signed JWTs, PKCE S256, authorization code, refresh and client credentials grants). Extras
// the mock lacks are added here: HTTP Basic client authentication for client credentials,
// RFC 9728 protected-resource metadata, RFC 8414 metadata with a registration endpoint, RFC 7591
// dynamic client registration, a protected /api/echo and a /stats counter.
//
// Usage: node oauth_server.mjs [port]   (0 or absent: ephemeral). Listens on 127.0.0.1 only,
// prints {"port":N} on one line, exits when stdin closes (so it dies with the test).
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { OAuth2Issuer, OAuth2Service } from 'oauth2-mock-server';

const CLIENT_ID = process.env.WINK_TEST_CLIENT_ID || 'wink-test-client';
const CLIENT_SECRET = process.env.WINK_TEST_CLIENT_SECRET || 'node s3cret:&+';
const TOKEN_TTL = Number(process.env.WINK_TEST_TOKEN_TTL || 3600);

const issuer = new OAuth2Issuer();
await issuer.keys.generate('RS256');
const service = new OAuth2Service(issuer);
const issued = new Set();
const clients = new Map();  // dynamically registered clients
const stats = { token_requests: 0, registrations: 0, api_calls: 0, grants: {} };

service.on('beforeResponse', (response, req) => {
  if (response.statusCode === 200 && response.body.access_token) {
    response.body.expires_in = TOKEN_TTL;
    issued.add(response.body.access_token);
  }
});

function json(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readBody(req) {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => { data += c; });
    req.on('end', () => resolve(data));
  });
}

function basicCredentials(req) {
  const h = req.headers.authorization || '';
  if (!h.startsWith('Basic ')) return null;
  const decoded = Buffer.from(h.slice(6), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return null;
  const dec = (s) => decodeURIComponent(s.replace(/\+/g, ' '));
  return { id: dec(decoded.slice(0, i)), secret: dec(decoded.slice(i + 1)) };
}

const server = http.createServer(async (req, res) => {
  const base = issuer.url;
  const url = new URL(req.url, base);
  if (req.method === 'GET' && url.pathname === '/stats') return json(res, 200, stats);
  if (req.method === 'GET' && url.pathname === '/.well-known/oauth-protected-resource') {
    return json(res, 200, { resource: base, authorization_servers: [base], scopes_supported: ['hotel.read', 'hotel.write'] });
  }
  if (req.method === 'GET' && url.pathname === '/.well-known/oauth-authorization-server') {
    return json(res, 200, {
      issuer: base,
      authorization_endpoint: `${base}/authorize`,
      token_endpoint: `${base}/token`,
      registration_endpoint: `${base}/register`,
      jwks_uri: `${base}/jwks`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'none'],
    });
  }
  if (req.method === 'POST' && url.pathname === '/register') {
    const body = JSON.parse((await readBody(req)) || '{}');
    if (!Array.isArray(body.redirect_uris) || body.redirect_uris.length === 0) {
      return json(res, 400, { error: 'invalid_redirect_uri', error_description: 'redirect_uris required' });
    }
    stats.registrations += 1;
    const client = {
      client_id: randomUUID(),
      client_id_issued_at: Math.floor(Date.now() / 1000),
      client_name: body.client_name,
      redirect_uris: body.redirect_uris,
      grant_types: body.grant_types || ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
    clients.set(client.client_id, client);
    return json(res, 201, client);
  }
  if (req.method === 'GET' && url.pathname === '/authorize') {
    const cid = url.searchParams.get('client_id');
    if (cid !== CLIENT_ID && !clients.has(cid)) return json(res, 400, { error: 'invalid_client' });
    const ru = url.searchParams.get('redirect_uri') || '';
    // RFC 8252 7.3: loopback redirect URIs match whatever the port.
    const loopback = (u) => u.replace(/^http:\/\/127\.0\.0\.1:\d+\//, 'http://127.0.0.1/');
    if (clients.has(cid) && !clients.get(cid).redirect_uris.map(loopback).includes(loopback(ru))) {
      return json(res, 400, { error: 'invalid_request', error_description: 'redirect_uri not registered' });
    }
    if (url.searchParams.get('code_challenge_method') !== 'S256') {
      return json(res, 400, { error: 'invalid_request', error_description: 'PKCE S256 required' });
    }
  }
  if (req.method === 'POST' && url.pathname === '/token') {
    stats.token_requests += 1;
    const creds = basicCredentials(req);
    if (creds && (creds.id !== CLIENT_ID || creds.secret !== CLIENT_SECRET)) {
      return json(res, 401, { error: 'invalid_client', error_description: 'client authentication failed' });
    }
  }
  if (url.pathname === '/api/echo') {
    stats.api_calls += 1;
    const h = req.headers.authorization || '';
    if (!h.startsWith('Bearer ') || !issued.has(h.slice(7))) return json(res, 401, { error: 'invalid_token' });
    return json(res, 200, { ok: true, wink_version: req.headers['wink-version'] || null });
  }
  service.requestHandler(req, res);
});

const port = Number(process.argv[2] || 0);
server.listen(port, '127.0.0.1', () => {
  const actual = server.address().port;
  issuer.url = `http://127.0.0.1:${actual}`;
  process.stdout.write(JSON.stringify({ port: actual }) + '\n');
});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
