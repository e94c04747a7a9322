// Anonymous contributors are told apart by an anonymised address: a keyed hash shaped like an IPv4
// address, stable for every gateway process that shares the secret, and not reversible.
import { createHmac } from 'node:crypto';

export function anonymizeIp(ip: string, secret: string): string {
  const digest = createHmac('sha256', secret).update(ip).digest();
  return `${digest[0]}.${digest[1]}.${digest[2]}.${digest[3]}`;
}
