// Preload (node --import) that ends the process with code 99 on any attempt to open a network
// connection, resolve a host name or fetch; local IPC sockets (tsx uses one) are allowed.
// docs/privacy.md runs the CLI under it to show that nothing leaves the machine.
import net from 'node:net';
import dns from 'node:dns';
const deny = (what) => {
  console.error(`NETWORK ATTEMPT: ${what}`);
  process.exit(99);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const opts = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (opts && typeof opts === 'object' && opts.path) return connect.apply(this, args); // local IPC sockets are fine
  deny(`net.connect ${JSON.stringify(opts)}`);
};
dns.lookup = (host) => deny(`dns.lookup ${host}`);
globalThis.fetch = (url) => deny(`fetch ${url}`);
