/** Detects RSA moduli made by the Infineon RSALib key generator (ROCA, CVE-2017-15361). */
import { JotError } from '../errors.js'
import { toBigInt } from './jwk-key-members.js'

// RSALib built each prime as k·M + (65537^a mod M), with M a primorial. For every small prime r
// dividing M, p mod r and so n mod r then lie in the subgroup of (Z/rZ)* that 65537 generates.
// The published detector tests the odd primes up to 167. A modulus from another generator
// passes all 38 tests with a probability of about 2^-28 (the product of each subgroup's share
// of its group), so a rejected key is almost surely an RSALib key.
const FINGERPRINT_GENERATOR = 65537
const MAX_FINGERPRINT_PRIME = 167

/** Each odd prime r up to 167, with a flag per residue telling whether it lies in ⟨65537 mod r⟩. */
const SUBGROUPS: readonly (readonly [number, Uint8Array])[] = oddPrimesUpTo(
  MAX_FINGERPRINT_PRIME,
).map((prime) => [prime, subgroupMembers(prime)])

const PRIMES_PRODUCT = SUBGROUPS.reduce((product, [prime]) => product * BigInt(prime), 1n)

function oddPrimesUpTo(limit: number): number[] {
  const primes: number[] = []
  for (let candidate = 3; candidate <= limit; candidate += 2) {
    if (primes.every((prime) => candidate % prime !== 0)) primes.push(candidate)
  }
  return primes
}

function subgroupMembers(prime: number): Uint8Array {
  const members = new Uint8Array(prime)
  const generator = FINGERPRINT_GENERATOR % prime
  for (let power = 1; members[power] === 0; power = (power * generator) % prime) {
    members[power] = 1
  }
  return members
}

/** Tells whether an RSA modulus, as big-endian bytes, carries the ROCA fingerprint. */
export function hasRocaFingerprint(modulus: Uint8Array): boolean {
  // One reduction by the product of the primes (about 218 bits) leaves a small number, so
  // the 38 reductions after it are cheap whatever the modulus size.
  const reduced = toBigInt(modulus) % PRIMES_PRODUCT
  return SUBGROUPS.every(([prime, members]) => members[Number(reduced % BigInt(prime))] === 1)
}

/**
 * Rejects an even modulus, which no pair of odd primes gives, and a modulus with the ROCA
 * fingerprint, whose factors can be recovered from the public key alone (CVE-2017-15361).
 * @throws JotError `KEY_INVALID`.
 */
export function checkRsaModulus(modulus: Uint8Array): void {
  const last = modulus.at(-1)
  if (last === undefined || last % 2 === 0) {
    throw new JotError(
      'KEY_INVALID',
      'The RSA modulus is even, so it is not the product of two odd primes; the key is invalid.',
    )
  }
  if (!hasRocaFingerprint(modulus)) return
  throw new JotError(
    'KEY_INVALID',
    'The RSA modulus has the ROCA fingerprint of the Infineon RSALib generator (CVE-2017-15361), so its private key can be computed from the public key; generate a new key pair.',
  )
}
