/** The one message of every decryption failure, which therefore hides the step that failed. */
export const DECRYPTION_FAILED_MESSAGE = 'The JWE could not be decrypted.'
