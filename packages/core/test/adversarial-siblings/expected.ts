/** The code and message jot gives for each sibling, keyed by case id and sibling name. */
import type { JotErrorCode } from '../../src/index.js'

export const EXPECTED: Readonly<Record<string, readonly [JotErrorCode, string]>> = {
  'BUG-01 alg none no key': ['ALG_NOT_ALLOWED', 'The algorithm "none" is not allowed.'],
  'BUG-01 alg none with HS256 key': ['ALG_NOT_ALLOWED', 'The algorithm "none" is not allowed.'],
  'BUG-01 alg None no key': ['ALG_UNSUPPORTED', 'The JWS algorithm "None" is not supported.'],
  'BUG-01 alg None with HS256 key': [
    'ALG_UNSUPPORTED',
    'The JWS algorithm "None" is not supported.',
  ],
  'BUG-01 alg NONE no key': ['ALG_UNSUPPORTED', 'The JWS algorithm "NONE" is not supported.'],
  'BUG-01 alg NONE with HS256 key': [
    'ALG_UNSUPPORTED',
    'The JWS algorithm "NONE" is not supported.',
  ],
  'BUG-01 alg nOnE no key': ['ALG_UNSUPPORTED', 'The JWS algorithm "nOnE" is not supported.'],
  'BUG-01 alg nOnE with HS256 key': [
    'ALG_UNSUPPORTED',
    'The JWS algorithm "nOnE" is not supported.',
  ],
  'BUG-01 alg none allowed by option': [
    'OPTION_INVALID',
    'The "algorithms" option lists "none", which is not a supported JWS algorithm.',
  ],
  'BUG-01 alg none with a signature': ['ALG_NOT_ALLOWED', 'The algorithm "none" is not allowed.'],
  'BUG-01 alg none compact JWS': ['ALG_NOT_ALLOWED', 'The algorithm "none" is not allowed.'],
  'BUG-01 alg none flattened JSON': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-01 alg none unprotected header': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-01 alg none JWE': ['ALG_NOT_ALLOWED', 'The algorithm "none" is not allowed.'],
  'BUG-02 HS256 forged with RS256 SPKI PEM': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS256.',
  ],
  'BUG-03 HS256 forged with RS256 SPKI PEM, HS256 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS256.',
  ],
  'BUG-02 HS384 forged with RS256 SPKI PEM': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS384.',
  ],
  'BUG-03 HS384 forged with RS256 SPKI PEM, HS384 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS384.',
  ],
  'BUG-02 HS512 forged with RS256 SPKI PEM': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS512.',
  ],
  'BUG-03 HS512 forged with RS256 SPKI PEM, HS512 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS512.',
  ],
  'BUG-02 HS256 forged with RS256 JWK JSON': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS256.',
  ],
  'BUG-03 HS256 forged with RS256 JWK JSON, HS256 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS256.',
  ],
  'BUG-02 HS384 forged with RS256 JWK JSON': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS384.',
  ],
  'BUG-03 HS384 forged with RS256 JWK JSON, HS384 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS384.',
  ],
  'BUG-02 HS512 forged with RS256 JWK JSON': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS512.',
  ],
  'BUG-03 HS512 forged with RS256 JWK JSON, HS512 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS512.',
  ],
  'BUG-02 HS256 forged with RS256 SPKI DER': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS256.',
  ],
  'BUG-03 HS256 forged with RS256 SPKI DER, HS256 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS256.',
  ],
  'BUG-02 HS384 forged with RS256 SPKI DER': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS384.',
  ],
  'BUG-03 HS384 forged with RS256 SPKI DER, HS384 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS384.',
  ],
  'BUG-02 HS512 forged with RS256 SPKI DER': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS512.',
  ],
  'BUG-03 HS512 forged with RS256 SPKI DER, HS512 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS512.',
  ],
  'BUG-02 HS256 forged with ES256 SPKI PEM': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS256.',
  ],
  'BUG-03 HS256 forged with ES256 SPKI PEM, HS256 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS256.',
  ],
  'BUG-02 HS384 forged with ES256 SPKI PEM': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS384.',
  ],
  'BUG-03 HS384 forged with ES256 SPKI PEM, HS384 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS384.',
  ],
  'BUG-02 HS512 forged with ES256 SPKI PEM': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS512.',
  ],
  'BUG-03 HS512 forged with ES256 SPKI PEM, HS512 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS512.',
  ],
  'BUG-02 HS256 forged with ES256 JWK JSON': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS256.',
  ],
  'BUG-03 HS256 forged with ES256 JWK JSON, HS256 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS256.',
  ],
  'BUG-02 HS384 forged with ES256 JWK JSON': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS384.',
  ],
  'BUG-03 HS384 forged with ES256 JWK JSON, HS384 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS384.',
  ],
  'BUG-02 HS512 forged with ES256 JWK JSON': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS512.',
  ],
  'BUG-03 HS512 forged with ES256 JWK JSON, HS512 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS512.',
  ],
  'BUG-02 HS256 forged with ES256 SPKI DER': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS256.',
  ],
  'BUG-03 HS256 forged with ES256 SPKI DER, HS256 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS256.',
  ],
  'BUG-02 HS384 forged with ES256 SPKI DER': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS384.',
  ],
  'BUG-03 HS384 forged with ES256 SPKI DER, HS384 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS384.',
  ],
  'BUG-02 HS512 forged with ES256 SPKI DER': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS512.',
  ],
  'BUG-03 HS512 forged with ES256 SPKI DER, HS512 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS512.',
  ],
  'BUG-02 HS256 forged with EdDSA SPKI PEM': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS256.',
  ],
  'BUG-03 HS256 forged with EdDSA SPKI PEM, HS256 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS256.',
  ],
  'BUG-02 HS384 forged with EdDSA SPKI PEM': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS384.',
  ],
  'BUG-03 HS384 forged with EdDSA SPKI PEM, HS384 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS384.',
  ],
  'BUG-02 HS512 forged with EdDSA SPKI PEM': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS512.',
  ],
  'BUG-03 HS512 forged with EdDSA SPKI PEM, HS512 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS512.',
  ],
  'BUG-02 HS256 forged with EdDSA JWK JSON': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS256.',
  ],
  'BUG-03 HS256 forged with EdDSA JWK JSON, HS256 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS256.',
  ],
  'BUG-02 HS384 forged with EdDSA JWK JSON': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS384.',
  ],
  'BUG-03 HS384 forged with EdDSA JWK JSON, HS384 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS384.',
  ],
  'BUG-02 HS512 forged with EdDSA JWK JSON': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS512.',
  ],
  'BUG-03 HS512 forged with EdDSA JWK JSON, HS512 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS512.',
  ],
  'BUG-02 HS256 forged with EdDSA SPKI DER': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS256.',
  ],
  'BUG-03 HS256 forged with EdDSA SPKI DER, HS256 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS256.',
  ],
  'BUG-02 HS384 forged with EdDSA SPKI DER': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS384.',
  ],
  'BUG-03 HS384 forged with EdDSA SPKI DER, HS384 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS384.',
  ],
  'BUG-02 HS512 forged with EdDSA SPKI DER': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS512.',
  ],
  'BUG-03 HS512 forged with EdDSA SPKI DER, HS512 allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS512.',
  ],
  'BUG-03 RS256 key verifies ES256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with ES256.',
  ],
  'BUG-03 RS256 key verifies ES256, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with ES256.',
  ],
  'BUG-03 RS256 key verifies EdDSA': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with EdDSA.',
  ],
  'BUG-03 RS256 key verifies EdDSA, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with EdDSA.',
  ],
  'BUG-03 RS256 key verifies HS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS256.',
  ],
  'BUG-03 RS256 key verifies HS256, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with HS256.',
  ],
  'BUG-03 PS256 key verifies RS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to PS256 and cannot be used with RS256.',
  ],
  'BUG-03 PS256 key verifies RS256, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to PS256 and cannot be used with RS256.',
  ],
  'BUG-03 PS256 key verifies ES256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to PS256 and cannot be used with ES256.',
  ],
  'BUG-03 PS256 key verifies ES256, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to PS256 and cannot be used with ES256.',
  ],
  'BUG-03 PS256 key verifies EdDSA': [
    'ALG_NOT_ALLOWED',
    'The key is bound to PS256 and cannot be used with EdDSA.',
  ],
  'BUG-03 PS256 key verifies EdDSA, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to PS256 and cannot be used with EdDSA.',
  ],
  'BUG-03 PS256 key verifies HS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to PS256 and cannot be used with HS256.',
  ],
  'BUG-03 PS256 key verifies HS256, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to PS256 and cannot be used with HS256.',
  ],
  'BUG-03 ES256 key verifies RS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with RS256.',
  ],
  'BUG-03 ES256 key verifies RS256, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with RS256.',
  ],
  'BUG-03 ES256 key verifies PS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with PS256.',
  ],
  'BUG-03 ES256 key verifies PS256, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with PS256.',
  ],
  'BUG-03 ES256 key verifies EdDSA': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with EdDSA.',
  ],
  'BUG-03 ES256 key verifies EdDSA, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with EdDSA.',
  ],
  'BUG-03 ES256 key verifies HS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS256.',
  ],
  'BUG-03 ES256 key verifies HS256, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ES256 and cannot be used with HS256.',
  ],
  'BUG-03 EdDSA key verifies RS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with RS256.',
  ],
  'BUG-03 EdDSA key verifies RS256, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with RS256.',
  ],
  'BUG-03 EdDSA key verifies PS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with PS256.',
  ],
  'BUG-03 EdDSA key verifies PS256, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with PS256.',
  ],
  'BUG-03 EdDSA key verifies ES256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with ES256.',
  ],
  'BUG-03 EdDSA key verifies ES256, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with ES256.',
  ],
  'BUG-03 EdDSA key verifies HS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS256.',
  ],
  'BUG-03 EdDSA key verifies HS256, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to EdDSA and cannot be used with HS256.',
  ],
  'BUG-03 HS256 key verifies RS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to HS256 and cannot be used with RS256.',
  ],
  'BUG-03 HS256 key verifies RS256, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to HS256 and cannot be used with RS256.',
  ],
  'BUG-03 HS256 key verifies PS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to HS256 and cannot be used with PS256.',
  ],
  'BUG-03 HS256 key verifies PS256, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to HS256 and cannot be used with PS256.',
  ],
  'BUG-03 HS256 key verifies ES256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to HS256 and cannot be used with ES256.',
  ],
  'BUG-03 HS256 key verifies ES256, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to HS256 and cannot be used with ES256.',
  ],
  'BUG-03 HS256 key verifies EdDSA': [
    'ALG_NOT_ALLOWED',
    'The key is bound to HS256 and cannot be used with EdDSA.',
  ],
  'BUG-03 HS256 key verifies EdDSA, both allowed': [
    'ALG_NOT_ALLOWED',
    'The key is bound to HS256 and cannot be used with EdDSA.',
  ],
  'BUG-03 RS256 key verifies PS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with PS256.',
  ],
  'BUG-03 RSA-OAEP-256 private key verifies RS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RSA-OAEP-256 and cannot be used with RS256.',
  ],
  'BUG-03 RSA-OAEP-256 private key verifies HS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RSA-OAEP-256 and cannot be used with HS256.',
  ],
  'BUG-03 RSA-OAEP-256 private key signs': [
    'KEY_INVALID',
    'The key is bound to the JWE algorithm RSA-OAEP-256 and cannot sign; import it for a JWS algorithm.',
  ],
  'BUG-03 RSA-OAEP-256 public key verifies RS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RSA-OAEP-256 and cannot be used with RS256.',
  ],
  'BUG-03 RSA-OAEP-256 public key verifies HS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RSA-OAEP-256 and cannot be used with HS256.',
  ],
  'BUG-03 RSA-OAEP-256 public key signs': [
    'KEY_INVALID',
    'A public key cannot sign; use the private key.',
  ],
  'BUG-03 ECDH-ES private key verifies RS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ECDH-ES and cannot be used with RS256.',
  ],
  'BUG-03 ECDH-ES private key verifies HS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ECDH-ES and cannot be used with HS256.',
  ],
  'BUG-03 ECDH-ES private key signs': [
    'KEY_INVALID',
    'The key is bound to the JWE algorithm ECDH-ES and cannot sign; import it for a JWS algorithm.',
  ],
  'BUG-03 ECDH-ES public key verifies RS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ECDH-ES and cannot be used with RS256.',
  ],
  'BUG-03 ECDH-ES public key verifies HS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to ECDH-ES and cannot be used with HS256.',
  ],
  'BUG-03 ECDH-ES public key signs': [
    'KEY_INVALID',
    'A public key cannot sign; use the private key.',
  ],
  'BUG-03 A128KW key verifies RS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to A128KW and cannot be used with RS256.',
  ],
  'BUG-03 A128KW key verifies HS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to A128KW and cannot be used with HS256.',
  ],
  'BUG-03 A128KW key signs': [
    'KEY_INVALID',
    'The key is bound to the JWE algorithm A128KW and cannot sign; import it for a JWS algorithm.',
  ],
  'BUG-03 dir key verifies RS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to dir and cannot be used with RS256.',
  ],
  'BUG-03 dir key verifies HS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to dir and cannot be used with HS256.',
  ],
  'BUG-03 dir key signs': [
    'KEY_INVALID',
    'The key is bound to the JWE algorithm dir and cannot sign; import it for a JWS algorithm.',
  ],
  'BUG-03 PBES2-HS256+A128KW key verifies RS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to PBES2-HS256+A128KW and cannot be used with RS256.',
  ],
  'BUG-03 PBES2-HS256+A128KW key verifies HS256': [
    'ALG_NOT_ALLOWED',
    'The key is bound to PBES2-HS256+A128KW and cannot be used with HS256.',
  ],
  'BUG-03 PBES2-HS256+A128KW key signs': [
    'KEY_INVALID',
    'The key is bound to the JWE algorithm PBES2-HS256+A128KW and cannot sign; import it for a JWS algorithm.',
  ],
  'BUG-03 RS256 public key encrypts': [
    'KEY_INVALID',
    'The key is bound to the JWS algorithm RS256 and cannot encrypt; import it for a JWE key management algorithm.',
  ],
  'BUG-03 PS256 public key encrypts': [
    'KEY_INVALID',
    'The key is bound to the JWS algorithm PS256 and cannot encrypt; import it for a JWE key management algorithm.',
  ],
  'BUG-03 ES256 public key encrypts': [
    'KEY_INVALID',
    'The key is bound to the JWS algorithm ES256 and cannot encrypt; import it for a JWE key management algorithm.',
  ],
  'BUG-03 EdDSA public key encrypts': [
    'KEY_INVALID',
    'The key is bound to the JWS algorithm EdDSA and cannot encrypt; import it for a JWE key management algorithm.',
  ],
  'BUG-03 HS256 secret key encrypts': [
    'KEY_INVALID',
    'The key is bound to the JWS algorithm HS256 and cannot encrypt; import it for a JWE key management algorithm.',
  ],
  'BUG-03 RS256 public key signs': [
    'KEY_INVALID',
    'A public key cannot sign; use the private key.',
  ],
  'BUG-03 PS256 public key signs': [
    'KEY_INVALID',
    'A public key cannot sign; use the private key.',
  ],
  'BUG-03 ES256 public key signs': [
    'KEY_INVALID',
    'A public key cannot sign; use the private key.',
  ],
  'BUG-03 EdDSA public key signs': [
    'KEY_INVALID',
    'A public key cannot sign; use the private key.',
  ],
  'BUG-05 ES256 r and s zero': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-05 ES384 r and s zero': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-05 ES512 r and s zero': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-05 ES256K r and s zero': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-05 ES256 r zero': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-05 ES256 s zero': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-05 ES256 r and s equal n': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-05 ES256 all ones': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-05 ES256 DER signature': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-05 ES256 empty signature': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-05 EdDSA zero signature': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-05 RS256 zero signature': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-05 RS256 signature equal n': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-05 HS256 zero signature': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-05 HS256 empty signature': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-05 HS256 truncated signature': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-20 JWS compact header padding': [
    'TOKEN_MALFORMED',
    'The header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact header space inside': [
    'TOKEN_MALFORMED',
    'The header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact header line break inside': [
    'TOKEN_MALFORMED',
    'The header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact header CR LF inside': [
    'TOKEN_MALFORMED',
    'The header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact header tab inside': [
    'TOKEN_MALFORMED',
    'The header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact header standard alphabet': [
    'TOKEN_MALFORMED',
    'The header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact header non-zero trailing bits': [
    'TOKEN_MALFORMED',
    'The header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact payload padding': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact payload space inside': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact payload line break inside': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact payload CR LF inside': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact payload tab inside': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact payload standard alphabet': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact payload non-zero trailing bits': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact signature padding': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact signature space inside': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact signature line break inside': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact signature CR LF inside': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact signature tab inside': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact signature standard alphabet': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS compact signature non-zero trailing bits': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON protected padding': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general protected padding': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON protected space inside': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general protected space inside': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON protected line break inside': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general protected line break inside': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON protected CR LF inside': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general protected CR LF inside': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON protected tab inside': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general protected tab inside': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON protected standard alphabet': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general protected standard alphabet': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON protected non-zero trailing bits': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general protected non-zero trailing bits': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON payload padding': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general payload padding': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON payload space inside': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general payload space inside': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON payload line break inside': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general payload line break inside': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON payload CR LF inside': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general payload CR LF inside': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON payload tab inside': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general payload tab inside': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON payload standard alphabet': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general payload standard alphabet': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON payload non-zero trailing bits': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general payload non-zero trailing bits': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON signature padding': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general signature padding': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON signature space inside': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general signature space inside': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON signature line break inside': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general signature line break inside': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON signature CR LF inside': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general signature CR LF inside': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON signature tab inside': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general signature tab inside': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON signature standard alphabet': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general signature standard alphabet': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS JSON signature non-zero trailing bits': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWS general signature non-zero trailing bits': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact header padding': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact header space inside': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact header line break inside': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact header CR LF inside': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact header tab inside': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact header standard alphabet': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact header non-zero trailing bits': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact encrypted key padding': [
    'TOKEN_MALFORMED',
    'The JWE Encrypted Key is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact encrypted key space inside': [
    'TOKEN_MALFORMED',
    'The JWE Encrypted Key is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact encrypted key line break inside': [
    'TOKEN_MALFORMED',
    'The JWE Encrypted Key is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact encrypted key CR LF inside': [
    'TOKEN_MALFORMED',
    'The JWE Encrypted Key is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact encrypted key tab inside': [
    'TOKEN_MALFORMED',
    'The JWE Encrypted Key is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact encrypted key standard alphabet': [
    'TOKEN_MALFORMED',
    'The JWE Encrypted Key is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact IV padding': [
    'TOKEN_MALFORMED',
    'The Initialization Vector is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact IV space inside': [
    'TOKEN_MALFORMED',
    'The Initialization Vector is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact IV line break inside': [
    'TOKEN_MALFORMED',
    'The Initialization Vector is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact IV CR LF inside': [
    'TOKEN_MALFORMED',
    'The Initialization Vector is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact IV tab inside': [
    'TOKEN_MALFORMED',
    'The Initialization Vector is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact IV standard alphabet': [
    'TOKEN_MALFORMED',
    'The Initialization Vector is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact ciphertext padding': [
    'TOKEN_MALFORMED',
    'The ciphertext is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact ciphertext space inside': [
    'TOKEN_MALFORMED',
    'The ciphertext is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact ciphertext line break inside': [
    'TOKEN_MALFORMED',
    'The ciphertext is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact ciphertext CR LF inside': [
    'TOKEN_MALFORMED',
    'The ciphertext is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact ciphertext tab inside': [
    'TOKEN_MALFORMED',
    'The ciphertext is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact ciphertext standard alphabet': [
    'TOKEN_MALFORMED',
    'The ciphertext is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact ciphertext non-zero trailing bits': [
    'TOKEN_MALFORMED',
    'The ciphertext is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact tag padding': [
    'TOKEN_MALFORMED',
    'The Authentication Tag is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact tag space inside': [
    'TOKEN_MALFORMED',
    'The Authentication Tag is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact tag line break inside': [
    'TOKEN_MALFORMED',
    'The Authentication Tag is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact tag CR LF inside': [
    'TOKEN_MALFORMED',
    'The Authentication Tag is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact tag tab inside': [
    'TOKEN_MALFORMED',
    'The Authentication Tag is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact tag standard alphabet': [
    'TOKEN_MALFORMED',
    'The Authentication Tag is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE compact tag non-zero trailing bits': [
    'TOKEN_MALFORMED',
    'The Authentication Tag is not canonical unpadded base64url.',
  ],
  'BUG-20 JWE JSON protected padding': [
    'TOKEN_MALFORMED',
    'The JWE member "protected" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON protected space inside': [
    'TOKEN_MALFORMED',
    'The JWE member "protected" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON protected line break inside': [
    'TOKEN_MALFORMED',
    'The JWE member "protected" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON protected CR LF inside': [
    'TOKEN_MALFORMED',
    'The JWE member "protected" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON protected tab inside': [
    'TOKEN_MALFORMED',
    'The JWE member "protected" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON protected standard alphabet': [
    'TOKEN_MALFORMED',
    'The JWE member "protected" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON protected non-zero trailing bits': [
    'TOKEN_MALFORMED',
    'The JWE member "protected" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON encrypted_key padding': [
    'TOKEN_MALFORMED',
    'The JWE member "encrypted_key" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE general encrypted_key padding': [
    'TOKEN_MALFORMED',
    'The recipient member "encrypted_key" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON encrypted_key space inside': [
    'TOKEN_MALFORMED',
    'The JWE member "encrypted_key" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE general encrypted_key space inside': [
    'TOKEN_MALFORMED',
    'The recipient member "encrypted_key" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON encrypted_key line break inside': [
    'TOKEN_MALFORMED',
    'The JWE member "encrypted_key" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE general encrypted_key line break inside': [
    'TOKEN_MALFORMED',
    'The recipient member "encrypted_key" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON encrypted_key CR LF inside': [
    'TOKEN_MALFORMED',
    'The JWE member "encrypted_key" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE general encrypted_key CR LF inside': [
    'TOKEN_MALFORMED',
    'The recipient member "encrypted_key" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON encrypted_key tab inside': [
    'TOKEN_MALFORMED',
    'The JWE member "encrypted_key" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE general encrypted_key tab inside': [
    'TOKEN_MALFORMED',
    'The recipient member "encrypted_key" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON encrypted_key standard alphabet': [
    'TOKEN_MALFORMED',
    'The JWE member "encrypted_key" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE general encrypted_key standard alphabet': [
    'TOKEN_MALFORMED',
    'The recipient member "encrypted_key" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON iv padding': [
    'TOKEN_MALFORMED',
    'The JWE member "iv" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON iv space inside': [
    'TOKEN_MALFORMED',
    'The JWE member "iv" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON iv line break inside': [
    'TOKEN_MALFORMED',
    'The JWE member "iv" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON iv CR LF inside': [
    'TOKEN_MALFORMED',
    'The JWE member "iv" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON iv tab inside': [
    'TOKEN_MALFORMED',
    'The JWE member "iv" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON iv standard alphabet': [
    'TOKEN_MALFORMED',
    'The JWE member "iv" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON ciphertext padding': [
    'TOKEN_MALFORMED',
    'The JWE member "ciphertext" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON ciphertext space inside': [
    'TOKEN_MALFORMED',
    'The JWE member "ciphertext" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON ciphertext line break inside': [
    'TOKEN_MALFORMED',
    'The JWE member "ciphertext" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON ciphertext CR LF inside': [
    'TOKEN_MALFORMED',
    'The JWE member "ciphertext" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON ciphertext tab inside': [
    'TOKEN_MALFORMED',
    'The JWE member "ciphertext" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON ciphertext standard alphabet': [
    'TOKEN_MALFORMED',
    'The JWE member "ciphertext" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON ciphertext non-zero trailing bits': [
    'TOKEN_MALFORMED',
    'The JWE member "ciphertext" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON tag padding': [
    'TOKEN_MALFORMED',
    'The JWE member "tag" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON tag space inside': [
    'TOKEN_MALFORMED',
    'The JWE member "tag" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON tag line break inside': [
    'TOKEN_MALFORMED',
    'The JWE member "tag" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON tag CR LF inside': [
    'TOKEN_MALFORMED',
    'The JWE member "tag" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON tag tab inside': [
    'TOKEN_MALFORMED',
    'The JWE member "tag" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON tag standard alphabet': [
    'TOKEN_MALFORMED',
    'The JWE member "tag" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON tag non-zero trailing bits': [
    'TOKEN_MALFORMED',
    'The JWE member "tag" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON aad padding': [
    'TOKEN_MALFORMED',
    'The JWE member "aad" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON aad space inside': [
    'TOKEN_MALFORMED',
    'The JWE member "aad" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON aad line break inside': [
    'TOKEN_MALFORMED',
    'The JWE member "aad" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON aad CR LF inside': [
    'TOKEN_MALFORMED',
    'The JWE member "aad" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON aad tab inside': [
    'TOKEN_MALFORMED',
    'The JWE member "aad" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON aad standard alphabet': [
    'TOKEN_MALFORMED',
    'The JWE member "aad" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWE JSON aad non-zero trailing bits': [
    'TOKEN_MALFORMED',
    'The JWE member "aad" must be a canonical unpadded base64url string.',
  ],
  'BUG-20 JWK RSA public n padding': [
    'KEY_INVALID',
    'The JWK member "n" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA public n space inside': [
    'KEY_INVALID',
    'The JWK member "n" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA public n line break inside': [
    'KEY_INVALID',
    'The JWK member "n" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA public n CR LF inside': [
    'KEY_INVALID',
    'The JWK member "n" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA public n tab inside': [
    'KEY_INVALID',
    'The JWK member "n" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA public n standard alphabet': [
    'KEY_INVALID',
    'The JWK member "n" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA public n non-zero trailing bits': [
    'KEY_INVALID',
    'The JWK member "n" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA public e padding': [
    'KEY_INVALID',
    'The JWK member "e" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA public e space inside': [
    'KEY_INVALID',
    'The JWK member "e" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA public e line break inside': [
    'KEY_INVALID',
    'The JWK member "e" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA public e CR LF inside': [
    'KEY_INVALID',
    'The JWK member "e" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA public e tab inside': [
    'KEY_INVALID',
    'The JWK member "e" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private n padding': [
    'KEY_INVALID',
    'The JWK member "n" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private n space inside': [
    'KEY_INVALID',
    'The JWK member "n" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private n line break inside': [
    'KEY_INVALID',
    'The JWK member "n" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private n CR LF inside': [
    'KEY_INVALID',
    'The JWK member "n" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private n tab inside': [
    'KEY_INVALID',
    'The JWK member "n" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private n standard alphabet': [
    'KEY_INVALID',
    'The JWK member "n" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private n non-zero trailing bits': [
    'KEY_INVALID',
    'The JWK member "n" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private e padding': [
    'KEY_INVALID',
    'The JWK member "e" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private e space inside': [
    'KEY_INVALID',
    'The JWK member "e" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private e line break inside': [
    'KEY_INVALID',
    'The JWK member "e" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private e CR LF inside': [
    'KEY_INVALID',
    'The JWK member "e" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private e tab inside': [
    'KEY_INVALID',
    'The JWK member "e" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private d padding': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private d space inside': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private d line break inside': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private d CR LF inside': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private d tab inside': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private d standard alphabet': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private d non-zero trailing bits': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private p padding': [
    'KEY_INVALID',
    'The JWK member "p" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private p space inside': [
    'KEY_INVALID',
    'The JWK member "p" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private p line break inside': [
    'KEY_INVALID',
    'The JWK member "p" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private p CR LF inside': [
    'KEY_INVALID',
    'The JWK member "p" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private p tab inside': [
    'KEY_INVALID',
    'The JWK member "p" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private p standard alphabet': [
    'KEY_INVALID',
    'The JWK member "p" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private p non-zero trailing bits': [
    'KEY_INVALID',
    'The JWK member "p" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private q padding': [
    'KEY_INVALID',
    'The JWK member "q" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private q space inside': [
    'KEY_INVALID',
    'The JWK member "q" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private q line break inside': [
    'KEY_INVALID',
    'The JWK member "q" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private q CR LF inside': [
    'KEY_INVALID',
    'The JWK member "q" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private q tab inside': [
    'KEY_INVALID',
    'The JWK member "q" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private q standard alphabet': [
    'KEY_INVALID',
    'The JWK member "q" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private q non-zero trailing bits': [
    'KEY_INVALID',
    'The JWK member "q" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private dp padding': [
    'KEY_INVALID',
    'The JWK member "dp" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private dp space inside': [
    'KEY_INVALID',
    'The JWK member "dp" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private dp line break inside': [
    'KEY_INVALID',
    'The JWK member "dp" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private dp CR LF inside': [
    'KEY_INVALID',
    'The JWK member "dp" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private dp tab inside': [
    'KEY_INVALID',
    'The JWK member "dp" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private dp standard alphabet': [
    'KEY_INVALID',
    'The JWK member "dp" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private dp non-zero trailing bits': [
    'KEY_INVALID',
    'The JWK member "dp" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private dq padding': [
    'KEY_INVALID',
    'The JWK member "dq" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private dq space inside': [
    'KEY_INVALID',
    'The JWK member "dq" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private dq line break inside': [
    'KEY_INVALID',
    'The JWK member "dq" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private dq CR LF inside': [
    'KEY_INVALID',
    'The JWK member "dq" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private dq tab inside': [
    'KEY_INVALID',
    'The JWK member "dq" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private dq standard alphabet': [
    'KEY_INVALID',
    'The JWK member "dq" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private dq non-zero trailing bits': [
    'KEY_INVALID',
    'The JWK member "dq" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private qi padding': [
    'KEY_INVALID',
    'The JWK member "qi" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private qi space inside': [
    'KEY_INVALID',
    'The JWK member "qi" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private qi line break inside': [
    'KEY_INVALID',
    'The JWK member "qi" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private qi CR LF inside': [
    'KEY_INVALID',
    'The JWK member "qi" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private qi tab inside': [
    'KEY_INVALID',
    'The JWK member "qi" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private qi standard alphabet': [
    'KEY_INVALID',
    'The JWK member "qi" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK RSA private qi non-zero trailing bits': [
    'KEY_INVALID',
    'The JWK member "qi" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private x padding': [
    'KEY_INVALID',
    'The JWK member "x" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private x space inside': [
    'KEY_INVALID',
    'The JWK member "x" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private x line break inside': [
    'KEY_INVALID',
    'The JWK member "x" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private x CR LF inside': [
    'KEY_INVALID',
    'The JWK member "x" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private x tab inside': [
    'KEY_INVALID',
    'The JWK member "x" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private x non-zero trailing bits': [
    'KEY_INVALID',
    'The JWK member "x" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private y padding': [
    'KEY_INVALID',
    'The JWK member "y" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private y space inside': [
    'KEY_INVALID',
    'The JWK member "y" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private y line break inside': [
    'KEY_INVALID',
    'The JWK member "y" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private y CR LF inside': [
    'KEY_INVALID',
    'The JWK member "y" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private y tab inside': [
    'KEY_INVALID',
    'The JWK member "y" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private y non-zero trailing bits': [
    'KEY_INVALID',
    'The JWK member "y" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private d padding': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private d space inside': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private d line break inside': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private d CR LF inside': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private d tab inside': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private d standard alphabet': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK EC private d non-zero trailing bits': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK X25519 private d padding': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK X25519 private d space inside': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK X25519 private d line break inside': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK X25519 private d CR LF inside': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK X25519 private d tab inside': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK X25519 private d standard alphabet': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK X25519 private d non-zero trailing bits': [
    'KEY_INVALID',
    'The JWK member "d" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK X25519 private x padding': [
    'KEY_INVALID',
    'The JWK member "x" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK X25519 private x space inside': [
    'KEY_INVALID',
    'The JWK member "x" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK X25519 private x line break inside': [
    'KEY_INVALID',
    'The JWK member "x" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK X25519 private x CR LF inside': [
    'KEY_INVALID',
    'The JWK member "x" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK X25519 private x tab inside': [
    'KEY_INVALID',
    'The JWK member "x" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK X25519 private x standard alphabet': [
    'KEY_INVALID',
    'The JWK member "x" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK X25519 private x non-zero trailing bits': [
    'KEY_INVALID',
    'The JWK member "x" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK oct k padding': [
    'KEY_INVALID',
    'The JWK member "k" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK oct k space inside': [
    'KEY_INVALID',
    'The JWK member "k" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK oct k line break inside': [
    'KEY_INVALID',
    'The JWK member "k" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK oct k CR LF inside': [
    'KEY_INVALID',
    'The JWK member "k" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK oct k tab inside': [
    'KEY_INVALID',
    'The JWK member "k" is not canonical unpadded base64url.',
  ],
  'BUG-20 JWK oct k non-zero trailing bits': [
    'KEY_INVALID',
    'The JWK member "k" is not canonical unpadded base64url.',
  ],
  'BUG-21 JWT trailing CR LF': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-21 JWS compact trailing CR LF': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-21 decodeUnverified trailing CR LF': [
    'TOKEN_MALFORMED',
    'The signature is not canonical unpadded base64url.',
  ],
  'BUG-21 JWE compact trailing CR LF': [
    'TOKEN_MALFORMED',
    'The Authentication Tag is not canonical unpadded base64url.',
  ],
  'BUG-21 JWT trailing LF': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-21 JWS compact trailing LF': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-21 decodeUnverified trailing LF': [
    'TOKEN_MALFORMED',
    'The signature is not canonical unpadded base64url.',
  ],
  'BUG-21 JWE compact trailing LF': [
    'TOKEN_MALFORMED',
    'The Authentication Tag is not canonical unpadded base64url.',
  ],
  'BUG-21 JWT trailing space': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-21 JWS compact trailing space': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-21 decodeUnverified trailing space': [
    'TOKEN_MALFORMED',
    'The signature is not canonical unpadded base64url.',
  ],
  'BUG-21 JWE compact trailing space': [
    'TOKEN_MALFORMED',
    'The Authentication Tag is not canonical unpadded base64url.',
  ],
  'BUG-21 JWT leading space': [
    'TOKEN_MALFORMED',
    'The header is not canonical unpadded base64url.',
  ],
  'BUG-21 JWS compact leading space': [
    'TOKEN_MALFORMED',
    'The header is not canonical unpadded base64url.',
  ],
  'BUG-21 decodeUnverified leading space': [
    'TOKEN_MALFORMED',
    'The header is not canonical unpadded base64url.',
  ],
  'BUG-21 JWE compact leading space': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-21 JWT leading tab': ['TOKEN_MALFORMED', 'The header is not canonical unpadded base64url.'],
  'BUG-21 JWS compact leading tab': [
    'TOKEN_MALFORMED',
    'The header is not canonical unpadded base64url.',
  ],
  'BUG-21 decodeUnverified leading tab': [
    'TOKEN_MALFORMED',
    'The header is not canonical unpadded base64url.',
  ],
  'BUG-21 JWE compact leading tab': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-21 JWT trailing NUL': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-21 JWS compact trailing NUL': [
    'TOKEN_MALFORMED',
    'The signature is empty or not canonical unpadded base64url.',
  ],
  'BUG-21 decodeUnverified trailing NUL': [
    'TOKEN_MALFORMED',
    'The signature is not canonical unpadded base64url.',
  ],
  'BUG-21 JWE compact trailing NUL': [
    'TOKEN_MALFORMED',
    'The Authentication Tag is not canonical unpadded base64url.',
  ],
  'BUG-21 JWT space after dot': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-21 JWS compact space after dot': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-21 decodeUnverified space after dot': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-21 JWE compact space after dot': [
    'TOKEN_MALFORMED',
    'The JWE Encrypted Key is not canonical unpadded base64url.',
  ],
  'BUG-21 JWT LF after dot': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-21 JWS compact LF after dot': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-21 decodeUnverified LF after dot': [
    'TOKEN_MALFORMED',
    'The payload is not canonical unpadded base64url.',
  ],
  'BUG-21 JWE compact LF after dot': [
    'TOKEN_MALFORMED',
    'The JWE Encrypted Key is not canonical unpadded base64url.',
  ],
  'BUG-21 JWT Bearer prefix': [
    'TOKEN_MALFORMED',
    'The header is not canonical unpadded base64url.',
  ],
  'BUG-21 JWS compact Bearer prefix': [
    'TOKEN_MALFORMED',
    'The header is not canonical unpadded base64url.',
  ],
  'BUG-21 decodeUnverified Bearer prefix': [
    'TOKEN_MALFORMED',
    'The header is not canonical unpadded base64url.',
  ],
  'BUG-21 JWE compact Bearer prefix': [
    'TOKEN_MALFORMED',
    'The protected header is not canonical unpadded base64url.',
  ],
  'BUG-23 JWS header nested arrays': [
    'INPUT_TOO_LARGE',
    'The token is longer than 16384 characters.',
  ],
  'BUG-23 JWS header nested objects': [
    'INPUT_TOO_LARGE',
    'The token is longer than 16384 characters.',
  ],
  'BUG-23 JWT claims nested arrays': [
    'INPUT_TOO_LARGE',
    'The token is longer than 16384 characters.',
  ],
  'BUG-23 decodeUnverified nested claims': [
    'INPUT_TOO_LARGE',
    'The token is longer than 16384 characters.',
  ],
  'BUG-23 JWT claims one level too deep': [
    'INPUT_TOO_LARGE',
    'The payload nests deeper than 32 levels.',
  ],
  'BUG-23 JWS JSON unprotected header': [
    'INPUT_TOO_LARGE',
    'The JWS is longer than 16384 characters of JSON.',
  ],
  'BUG-23 JWS JSON document': [
    'INPUT_TOO_LARGE',
    'The JWS is longer than 16384 characters of JSON.',
  ],
  'BUG-23 JWE header nested arrays': [
    'INPUT_TOO_LARGE',
    'The JWE is longer than 16384 characters.',
  ],
  'BUG-23 JWE JSON document': ['INPUT_TOO_LARGE', 'The JWE is longer than 16384 characters.'],
  'BUG-23 JWS header one level too deep': [
    'INPUT_TOO_LARGE',
    'The header nests deeper than 32 levels.',
  ],
  'BUG-23 JWE header one level too deep': [
    'INPUT_TOO_LARGE',
    'The protected header nests deeper than 32 levels.',
  ],
  'BUG-23 JWS JSON header one level too deep': [
    'INPUT_TOO_LARGE',
    'The JWS nests deeper than 32 levels.',
  ],
  'BUG-23 remote JWK set nested': [
    'JWKS_INVALID',
    'The JWKS from http://127.0.0.1:9/jwks.json nests deeper than 32 levels.',
  ],
  'BUG-25 JWS header byte FF': ['TOKEN_MALFORMED', 'The header is not valid UTF-8.'],
  'BUG-25 JWT claims byte FF': ['TOKEN_MALFORMED', 'The payload is not valid UTF-8.'],
  'BUG-25 decodeUnverified claims byte FF': ['TOKEN_MALFORMED', 'The payload is not valid UTF-8.'],
  'BUG-25 JWE header byte FF': ['TOKEN_MALFORMED', 'The protected header is not valid UTF-8.'],
  'BUG-25 JWS header lone surrogate': ['TOKEN_MALFORMED', 'The header is not valid UTF-8.'],
  'BUG-25 JWT claims lone surrogate': ['TOKEN_MALFORMED', 'The payload is not valid UTF-8.'],
  'BUG-25 decodeUnverified claims lone surrogate': [
    'TOKEN_MALFORMED',
    'The payload is not valid UTF-8.',
  ],
  'BUG-25 JWE header lone surrogate': [
    'TOKEN_MALFORMED',
    'The protected header is not valid UTF-8.',
  ],
  'BUG-25 JWS header overlong slash': ['TOKEN_MALFORMED', 'The header is not valid UTF-8.'],
  'BUG-25 JWT claims overlong slash': ['TOKEN_MALFORMED', 'The payload is not valid UTF-8.'],
  'BUG-25 decodeUnverified claims overlong slash': [
    'TOKEN_MALFORMED',
    'The payload is not valid UTF-8.',
  ],
  'BUG-25 JWE header overlong slash': [
    'TOKEN_MALFORMED',
    'The protected header is not valid UTF-8.',
  ],
  'BUG-25 JWS header truncated sequence': ['TOKEN_MALFORMED', 'The header is not valid UTF-8.'],
  'BUG-25 JWT claims truncated sequence': ['TOKEN_MALFORMED', 'The payload is not valid UTF-8.'],
  'BUG-25 decodeUnverified claims truncated sequence': [
    'TOKEN_MALFORMED',
    'The payload is not valid UTF-8.',
  ],
  'BUG-25 JWE header truncated sequence': [
    'TOKEN_MALFORMED',
    'The protected header is not valid UTF-8.',
  ],
  'BUG-10 JWS crit unknown extension': [
    'CRIT_UNSUPPORTED',
    'The critical header parameter "exp" is not supported.',
  ],
  'BUG-10 JWE crit unknown extension': [
    'CRIT_UNSUPPORTED',
    'The critical header parameter "exp" is not supported.',
  ],
  'BUG-10 JWS crit empty list': [
    'TOKEN_MALFORMED',
    'The header parameter "crit" must be a non-empty array.',
  ],
  'BUG-10 JWE crit empty list': [
    'TOKEN_MALFORMED',
    'The header parameter "crit" must be a non-empty array.',
  ],
  'BUG-10 JWS crit duplicate name': [
    'CRIT_UNSUPPORTED',
    'The critical header parameter "x" is not supported.',
  ],
  'BUG-10 JWE crit duplicate name': [
    'CRIT_UNSUPPORTED',
    'The critical header parameter "x" is not supported.',
  ],
  'BUG-10 JWS crit registered name': [
    'TOKEN_MALFORMED',
    'The "crit" array must not list the registered parameter "alg".',
  ],
  'BUG-10 JWE crit registered name': [
    'TOKEN_MALFORMED',
    'The "crit" array must not list the registered parameter "alg".',
  ],
  'BUG-10 JWS crit absent parameter': [
    'CRIT_UNSUPPORTED',
    'The critical header parameter "x" is not supported.',
  ],
  'BUG-10 JWE crit absent parameter': [
    'CRIT_UNSUPPORTED',
    'The critical header parameter "x" is not supported.',
  ],
  'BUG-10 JWS crit string not list': [
    'TOKEN_MALFORMED',
    'The header parameter "crit" must be a non-empty array.',
  ],
  'BUG-10 JWE crit string not list': [
    'TOKEN_MALFORMED',
    'The header parameter "crit" must be a non-empty array.',
  ],
  'BUG-10 JWS crit number entry': [
    'TOKEN_MALFORMED',
    'The "crit" array must hold non-empty strings.',
  ],
  'BUG-10 JWE crit number entry': [
    'TOKEN_MALFORMED',
    'The "crit" array must hold non-empty strings.',
  ],
  'BUG-10 JWS crit other extension allowed': [
    'CRIT_UNSUPPORTED',
    'The critical header parameter "y" is not supported.',
  ],
  'BUG-10 JWS JSON crit unprotected': [
    'TOKEN_MALFORMED',
    'The header parameter "crit" must be in the protected header.',
  ],
  'BUG-07 embedded jwk with trusted key': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-07 embedded jwk with RSA key': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with ES256.',
  ],
  'BUG-08 embedded jwk with local set': [
    'NO_MATCHING_KEY',
    'No verification key matches the token\'s alg "ES256" and no kid.',
  ],
  'BUG-08 embedded jwk with remote set': [
    'NO_MATCHING_KEY',
    'No verification key matches the token\'s alg "ES256" and no kid.',
  ],
  'BUG-07 embedded jku with trusted key': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-07 embedded jku with RSA key': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with ES256.',
  ],
  'BUG-08 embedded jku with local set': [
    'NO_MATCHING_KEY',
    'No verification key matches the token\'s alg "ES256" and kid "main".',
  ],
  'BUG-08 embedded jku with remote set': [
    'NO_MATCHING_KEY',
    'No verification key matches the token\'s alg "ES256" and kid "main".',
  ],
  'BUG-07 embedded x5u with trusted key': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-07 embedded x5u with RSA key': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with ES256.',
  ],
  'BUG-08 embedded x5u with local set': [
    'NO_MATCHING_KEY',
    'No verification key matches the token\'s alg "ES256" and no kid.',
  ],
  'BUG-08 embedded x5u with remote set': [
    'NO_MATCHING_KEY',
    'No verification key matches the token\'s alg "ES256" and no kid.',
  ],
  'BUG-07 embedded x5c with trusted key': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-07 embedded x5c with RSA key': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with ES256.',
  ],
  'BUG-08 embedded x5c with local set': [
    'NO_MATCHING_KEY',
    'No verification key matches the token\'s alg "ES256" and no kid.',
  ],
  'BUG-08 embedded x5c with remote set': [
    'NO_MATCHING_KEY',
    'No verification key matches the token\'s alg "ES256" and no kid.',
  ],
  'BUG-07 embedded x5t#S256 with trusted key': ['SIGNATURE_INVALID', 'The signature is invalid.'],
  'BUG-07 embedded x5t#S256 with RSA key': [
    'ALG_NOT_ALLOWED',
    'The key is bound to RS256 and cannot be used with ES256.',
  ],
  'BUG-08 embedded x5t#S256 with local set': [
    'NO_MATCHING_KEY',
    'No verification key matches the token\'s alg "ES256" and no kid.',
  ],
  'BUG-08 embedded x5t#S256 with remote set': [
    'NO_MATCHING_KEY',
    'No verification key matches the token\'s alg "ES256" and no kid.',
  ],
  'BUG-07 embedded jwk in JWE header': ['DECRYPTION_FAILED', 'The JWE could not be decrypted.'],
  'BUG-12 exp string past': ['CLAIM_INVALID', 'The "exp" claim must be a number of seconds.'],
  'BUG-12 exp string future': ['CLAIM_INVALID', 'The "exp" claim must be a number of seconds.'],
  'BUG-12 exp ISO date': ['CLAIM_INVALID', 'The "exp" claim must be a number of seconds.'],
  'BUG-12 exp boolean': ['CLAIM_INVALID', 'The "exp" claim must be a number of seconds.'],
  'BUG-12 exp null': ['CLAIM_INVALID', 'The "exp" claim must be a number of seconds.'],
  'BUG-12 exp array': ['CLAIM_INVALID', 'The "exp" claim must be a number of seconds.'],
  'BUG-12 exp object': ['CLAIM_INVALID', 'The "exp" claim must be a number of seconds.'],
  'BUG-12 exp overflow to Infinity': [
    'CLAIM_INVALID',
    'The "exp" claim must be a number of seconds.',
  ],
  'BUG-12 exp negative overflow': ['CLAIM_INVALID', 'The "exp" claim must be a number of seconds.'],
  'BUG-12 nbf string past': ['CLAIM_INVALID', 'The "nbf" claim must be a number of seconds.'],
  'BUG-12 nbf string future': ['CLAIM_INVALID', 'The "nbf" claim must be a number of seconds.'],
  'BUG-12 nbf ISO date': ['CLAIM_INVALID', 'The "nbf" claim must be a number of seconds.'],
  'BUG-12 nbf boolean': ['CLAIM_INVALID', 'The "nbf" claim must be a number of seconds.'],
  'BUG-12 nbf null': ['CLAIM_INVALID', 'The "nbf" claim must be a number of seconds.'],
  'BUG-12 nbf array': ['CLAIM_INVALID', 'The "nbf" claim must be a number of seconds.'],
  'BUG-12 nbf object': ['CLAIM_INVALID', 'The "nbf" claim must be a number of seconds.'],
  'BUG-12 nbf overflow to Infinity': [
    'CLAIM_INVALID',
    'The "nbf" claim must be a number of seconds.',
  ],
  'BUG-12 nbf negative overflow': ['CLAIM_INVALID', 'The "nbf" claim must be a number of seconds.'],
  'BUG-12 iat string past': ['CLAIM_INVALID', 'The "iat" claim must be a number of seconds.'],
  'BUG-12 iat string future': ['CLAIM_INVALID', 'The "iat" claim must be a number of seconds.'],
  'BUG-12 iat ISO date': ['CLAIM_INVALID', 'The "iat" claim must be a number of seconds.'],
  'BUG-12 iat boolean': ['CLAIM_INVALID', 'The "iat" claim must be a number of seconds.'],
  'BUG-12 iat null': ['CLAIM_INVALID', 'The "iat" claim must be a number of seconds.'],
  'BUG-12 iat array': ['CLAIM_INVALID', 'The "iat" claim must be a number of seconds.'],
  'BUG-12 iat object': ['CLAIM_INVALID', 'The "iat" claim must be a number of seconds.'],
  'BUG-12 iat overflow to Infinity': [
    'CLAIM_INVALID',
    'The "iat" claim must be a number of seconds.',
  ],
  'BUG-12 iat negative overflow': ['CLAIM_INVALID', 'The "iat" claim must be a number of seconds.'],
  'BUG-13 fractional exp just past': ['TOKEN_EXPIRED', 'The token has expired.'],
  'BUG-13 fractional nbf just ahead': ['TOKEN_NOT_YET_VALID', 'The token is not valid yet.'],
  'BUG-15 aud empty string': ['CLAIM_INVALID', 'The token is not intended for this audience.'],
  'BUG-15 aud array of empty string': [
    'CLAIM_INVALID',
    'The token is not intended for this audience.',
  ],
  'BUG-15 aud array of number': [
    'CLAIM_INVALID',
    'The "aud" claim must be a string or an array of strings.',
  ],
  'BUG-15 aud number': [
    'CLAIM_INVALID',
    'The "aud" claim must be a string or an array of strings.',
  ],
  'BUG-15 aud null': ['CLAIM_INVALID', 'The "aud" claim must be a string or an array of strings.'],
  'BUG-15 aud object': [
    'CLAIM_INVALID',
    'The "aud" claim must be a string or an array of strings.',
  ],
  'BUG-15 aud nested array': [
    'CLAIM_INVALID',
    'The "aud" claim must be a string or an array of strings.',
  ],
  'BUG-15 aud trailing space': ['CLAIM_INVALID', 'The token is not intended for this audience.'],
  'BUG-15 aud upper case': ['CLAIM_INVALID', 'The token is not intended for this audience.'],
  'BUG-15 aud prefix': ['CLAIM_INVALID', 'The token is not intended for this audience.'],
  'BUG-15 aud trailing slash': ['CLAIM_INVALID', 'The token is not intended for this audience.'],
  'BUG-16 aud array without ours': [
    'CLAIM_INVALID',
    'The token is not intended for this audience.',
  ],
  'BUG-16 aud array, none of several expected': [
    'CLAIM_INVALID',
    'The token is not intended for this audience.',
  ],
  'BUG-15 aud missing': ['CLAIM_INVALID', 'The "aud" claim is missing.'],
  'BUG-17 iss prefix': ['CLAIM_INVALID', 'The issuer "https://issuer.example." is not accepted.'],
  'BUG-17 iss superstring': [
    'CLAIM_INVALID',
    'The issuer "https://issuer.example.test.evil" is not accepted.',
  ],
  'BUG-17 iss upper case': [
    'CLAIM_INVALID',
    'The issuer "HTTPS://ISSUER.EXAMPLE.TEST" is not accepted.',
  ],
  'BUG-17 iss trailing slash': [
    'CLAIM_INVALID',
    'The issuer "https://issuer.example.test/" is not accepted.',
  ],
  'BUG-17 iss array holding issuer': ['CLAIM_INVALID', 'The "iss" claim must be a string.'],
  'BUG-17 iss homoglyph': [
    'CLAIM_INVALID',
    'The issuer "https://issuеr.example.test" is not accepted.',
  ],
  'BUG-17 iss number': ['CLAIM_INVALID', 'The "iss" claim must be a string.'],
  'BUG-17 iss null': ['CLAIM_INVALID', 'The "iss" claim must be a string.'],
  'BUG-17 iss missing': ['CLAIM_INVALID', 'The "iss" claim is missing.'],
  'BUG-26 p2c 2^31-1': [
    'INPUT_TOO_LARGE',
    'The PBES2 iteration count p2c 2147483647 exceeds the maximum of 1000000; raise maxPbes2Count to accept it.',
  ],
  'BUG-26 p2c above default cap': [
    'INPUT_TOO_LARGE',
    'The PBES2 iteration count p2c 1000001 exceeds the maximum of 1000000; raise maxPbes2Count to accept it.',
  ],
  'BUG-26 p2c zero': ['TOKEN_MALFORMED', 'The header parameter "p2c" must be a positive integer.'],
  'BUG-26 p2c negative': [
    'TOKEN_MALFORMED',
    'The header parameter "p2c" must be a positive integer.',
  ],
  'BUG-26 p2c fractional': [
    'TOKEN_MALFORMED',
    'The header parameter "p2c" must be a positive integer.',
  ],
  'BUG-26 p2c string': ['TOKEN_MALFORMED', 'The header parameter "p2c" must be a number.'],
  'BUG-26 p2c missing': ['TOKEN_MALFORMED', 'The header has no "p2c" parameter.'],
  'BUG-26 p2s missing': ['TOKEN_MALFORMED', 'The header has no "p2s" parameter.'],
  'BUG-26 p2s short': [
    'TOKEN_MALFORMED',
    'The header parameter "p2s" must be at least 8 bytes, not 3.',
  ],
  'BUG-26 p2s padded': [
    'TOKEN_MALFORMED',
    'The header parameter "p2s" is not canonical unpadded base64url.',
  ],
  'BUG-27 zip bomb under lower cap': [
    'INPUT_TOO_LARGE',
    'The decompressed content is larger than 1000000 bytes; raise maxDecompressedBytes to accept it.',
  ],
  'BUG-27 zip GZIP': ['ALG_UNSUPPORTED', 'The JWE compression algorithm "GZIP" is not supported.'],
  'BUG-27 zip lower case': [
    'ALG_UNSUPPORTED',
    'The JWE compression algorithm "def" is not supported.',
  ],
  'BUG-27 zip not deflate data': [
    'TOKEN_MALFORMED',
    'The decrypted content is not valid DEFLATE data.',
  ],
  'BUG-27 zip in unprotected header': [
    'TOKEN_MALFORMED',
    'The header parameter "zip" must be in the protected header.',
  ],
  'BUG-28 P-256 point off curve': [
    'TOKEN_MALFORMED',
    'The header parameter "epk" is not a valid public key on P-256.',
  ],
  'BUG-28 P-256 x above field prime': [
    'TOKEN_MALFORMED',
    'The header parameter "epk" is not a valid public key on P-256.',
  ],
  'BUG-28 P-384 point for P-256 key': ['DECRYPTION_FAILED', 'The JWE could not be decrypted.'],
  'BUG-28 RSA key as epk': [
    'TOKEN_MALFORMED',
    'The header parameter "epk" must be a public EC or OKP key on P-256, P-384, P-521, X25519 or X448.',
  ],
  'BUG-28 epk with private d': [
    'TOKEN_MALFORMED',
    'The header parameter "epk" must be a public EC or OKP key on P-256, P-384, P-521, X25519 or X448.',
  ],
  'BUG-28 epk missing y': [
    'TOKEN_MALFORMED',
    'The header parameter "epk" is not a valid public JWK.',
  ],
  'BUG-28 epk not an object': ['TOKEN_MALFORMED', 'The header parameter "epk" must be an object.'],
  'BUG-28 X25519 all-zero point': ['DECRYPTION_FAILED', 'The JWE could not be decrypted.'],
  'BUG-28 X25519 point one': ['DECRYPTION_FAILED', 'The JWE could not be decrypted.'],
  'BUG-28 X25519 short point': [
    'TOKEN_MALFORMED',
    'The header parameter "epk" is not a valid public JWK.',
  ],
  'BUG-30 RS256 1024-bit private': [
    'KEY_INVALID',
    'The RSA key has a 1024-bit modulus; RS256 needs at least 2048 bits.',
  ],
  'BUG-36 RS256 1024-bit public': [
    'KEY_INVALID',
    'The RSA key has a 1024-bit modulus; RS256 needs at least 2048 bits.',
  ],
  'BUG-36 RS256 2047-bit public': [
    'KEY_INVALID',
    'The RSA key has a 2047-bit modulus; RS256 needs at least 2048 bits.',
  ],
  'BUG-30 PS384 1024-bit private': [
    'KEY_INVALID',
    'The RSA key has a 1024-bit modulus; PS384 needs at least 2048 bits.',
  ],
  'BUG-36 PS384 1024-bit public': [
    'KEY_INVALID',
    'The RSA key has a 1024-bit modulus; PS384 needs at least 2048 bits.',
  ],
  'BUG-36 PS384 2047-bit public': [
    'KEY_INVALID',
    'The RSA key has a 2047-bit modulus; PS384 needs at least 2048 bits.',
  ],
  'BUG-30 RSA-OAEP 1024-bit private': [
    'KEY_INVALID',
    'The RSA key has a 1024-bit modulus; RSA-OAEP needs at least 2048 bits.',
  ],
  'BUG-36 RSA-OAEP 1024-bit public': [
    'KEY_INVALID',
    'The RSA key has a 1024-bit modulus; RSA-OAEP needs at least 2048 bits.',
  ],
  'BUG-36 RSA-OAEP 2047-bit public': [
    'KEY_INVALID',
    'The RSA key has a 2047-bit modulus; RSA-OAEP needs at least 2048 bits.',
  ],
  'BUG-30 RSA-OAEP-256 1024-bit private': [
    'KEY_INVALID',
    'The RSA key has a 1024-bit modulus; RSA-OAEP-256 needs at least 2048 bits.',
  ],
  'BUG-36 RSA-OAEP-256 1024-bit public': [
    'KEY_INVALID',
    'The RSA key has a 1024-bit modulus; RSA-OAEP-256 needs at least 2048 bits.',
  ],
  'BUG-36 RSA-OAEP-256 2047-bit public': [
    'KEY_INVALID',
    'The RSA key has a 2047-bit modulus; RSA-OAEP-256 needs at least 2048 bits.',
  ],
  'BUG-31 HS256 31-byte secret': [
    'KEY_INVALID',
    'The HMAC secret is 31 bytes long; HS256 needs at least 32 bytes, the size of its hash output.',
  ],
  'BUG-31 HS256 31-byte oct JWK': [
    'KEY_INVALID',
    'The HMAC secret is 31 bytes long; HS256 needs at least 32 bytes, the size of its hash output.',
  ],
  'BUG-31 HS384 47-byte secret': [
    'KEY_INVALID',
    'The HMAC secret is 47 bytes long; HS384 needs at least 48 bytes, the size of its hash output.',
  ],
  'BUG-31 HS384 47-byte oct JWK': [
    'KEY_INVALID',
    'The HMAC secret is 47 bytes long; HS384 needs at least 48 bytes, the size of its hash output.',
  ],
  'BUG-31 HS512 63-byte secret': [
    'KEY_INVALID',
    'The HMAC secret is 63 bytes long; HS512 needs at least 64 bytes, the size of its hash output.',
  ],
  'BUG-31 HS512 63-byte oct JWK': [
    'KEY_INVALID',
    'The HMAC secret is 63 bytes long; HS512 needs at least 64 bytes, the size of its hash output.',
  ],
  'BUG-31 HS256 8-byte secret': [
    'KEY_INVALID',
    'The HMAC secret is 8 bytes long; HS256 needs at least 32 bytes, the size of its hash output.',
  ],
  'BUG-31 HS256 8-byte oct JWK': [
    'KEY_INVALID',
    'The HMAC secret is 8 bytes long; HS256 needs at least 32 bytes, the size of its hash output.',
  ],
  'BUG-31 HS256 0-byte secret': ['KEY_INVALID', 'The HMAC secret is empty.'],
  'BUG-31 HS256 0-byte oct JWK': ['KEY_INVALID', 'The oct JWK has an empty "k" member.'],
  'BUG-33 P-256 y off curve': ['KEY_INVALID', 'The EC JWK is not a valid key.'],
  'BUG-33 P-256 x off curve': ['KEY_INVALID', 'The EC JWK is not a valid key.'],
  'BUG-33 P-256 short x': ['KEY_INVALID', 'The JWK member "x" must be 32 bytes for P-256, not 29.'],
  'BUG-33 P-256 ECDH-ES off curve': ['KEY_INVALID', 'The EC JWK is not a valid key.'],
  'BUG-33 P-384 y off curve': ['KEY_INVALID', 'The EC JWK is not a valid key.'],
  'BUG-33 P-384 x off curve': ['KEY_INVALID', 'The EC JWK is not a valid key.'],
  'BUG-33 P-384 short x': ['KEY_INVALID', 'The JWK member "x" must be 48 bytes for P-384, not 45.'],
  'BUG-33 P-384 ECDH-ES off curve': ['KEY_INVALID', 'The EC JWK is not a valid key.'],
  'BUG-33 P-521 y off curve': ['KEY_INVALID', 'The EC JWK is not a valid key.'],
  'BUG-33 P-521 x off curve': ['KEY_INVALID', 'The EC JWK is not a valid key.'],
  'BUG-33 P-521 short x': ['KEY_INVALID', 'The JWK member "x" must be 66 bytes for P-521, not 63.'],
  'BUG-33 P-521 ECDH-ES off curve': ['KEY_INVALID', 'The EC JWK is not a valid key.'],
  'BUG-33 secp256k1 y off curve': ['KEY_INVALID', 'The EC JWK is not a valid key.'],
  'BUG-33 secp256k1 x off curve': ['KEY_INVALID', 'The EC JWK is not a valid key.'],
  'BUG-33 secp256k1 short x': [
    'KEY_INVALID',
    'The JWK member "x" must be 32 bytes for secp256k1, not 29.',
  ],
  'BUG-33 secp256k1 ECDH-ES off curve': ['KEY_INVALID', 'The EC JWK is not a valid key.'],
  'BUG-33 P-256 point at infinity': ['KEY_INVALID', 'The EC JWK is not a valid key.'],
  'BUG-33 P-256 d zero': [
    'KEY_INVALID',
    'The private JWK\'s public members do not match its private key "d".',
  ],
  'BUG-33 Ed25519 short x': [
    'KEY_INVALID',
    'The JWK member "x" must be 32 bytes for Ed25519, not 3.',
  ],
  'BUG-33 X25519 long x': [
    'KEY_INVALID',
    'The JWK member "x" must be 32 bytes for X25519, not 33.',
  ],
  'BUG-34 local set unknown kid': [
    'NO_MATCHING_KEY',
    'No verification key matches the token\'s alg "HS256" and kid "unknown".',
  ],
  'BUG-34 kid not a string': ['TOKEN_MALFORMED', 'The header parameter "kid" must be a string.'],
  'use-key_ops use enc signs': ['KEY_INVALID', 'The key is marked use "enc" and cannot sign.'],
  'use-key_ops use enc verifies': ['KEY_INVALID', 'The key is marked use "enc" and cannot verify.'],
  'use-key_ops use sig encrypts': [
    'KEY_INVALID',
    'The key is marked use "sig" and cannot wrap a key.',
  ],
  'use-key_ops use sig decrypts': [
    'KEY_INVALID',
    'The key is marked use "sig" and cannot unwrap a key.',
  ],
  'use-key_ops key_ops verify signs': ['KEY_INVALID', 'The key\'s key_ops do not include "sign".'],
  'use-key_ops key_ops sign verifies': [
    'KEY_INVALID',
    'The key\'s key_ops do not include "verify".',
  ],
  'use-key_ops key_ops sign HMAC verifies': [
    'KEY_INVALID',
    'The key\'s key_ops do not include "verify".',
  ],
  'use-key_ops key_ops decrypt encrypts': [
    'KEY_INVALID',
    'The key\'s key_ops do not include "wrapKey".',
  ],
  'use-key_ops key_ops encrypt decrypts': [
    'KEY_INVALID',
    'The key\'s key_ops do not include "unwrapKey".',
  ],
  'use-key_ops key_ops unwrapKey A128KW encrypts': [
    'KEY_INVALID',
    'The key\'s key_ops do not include "wrapKey".',
  ],
  'use-key_ops key_ops sign ECDH-ES decrypts': [
    'KEY_INVALID',
    'The key\'s key_ops do not include "deriveKey" or "deriveBits".',
  ],
}
