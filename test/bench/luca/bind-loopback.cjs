'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded by luca's backend (node -r) */
// Preloaded into luca's backend (node -r): its server.listen(port) binds every interface; this
// adds 127.0.0.1 when a listen call names only a port, so the peer answers on loopback only.
const net = require('net');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if ((typeof args[0] === 'number' || typeof args[0] === 'string') && /^\d+$/.test(String(args[0])) && typeof args[1] !== 'string') {
    args.splice(1, 0, '127.0.0.1');
  }
  return listen.apply(this, args);
};
