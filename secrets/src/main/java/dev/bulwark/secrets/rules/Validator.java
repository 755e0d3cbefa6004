package dev.bulwark.secrets.rules;

/**
 * A deterministic check that a candidate has the structure of a real secret: a checksum, a
 * decodable body, an assignment whose key names a credential. Returns null when the candidate
 * passes, or a short reason it was rejected.
 */
@FunctionalInterface
public interface Validator {

  /** What the validator sees: the secret, the matched text and the assignment key, if any. */
  record Candidate(String secret, String matched, String key) {}

  String reject(Candidate candidate);
}
