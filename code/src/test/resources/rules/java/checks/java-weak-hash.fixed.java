package fixtures.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

public class Hashes {
  private static final String LEGACY = "MD5";

  byte[] digest(byte[] data) throws NoSuchAlgorithmException {
    // ruleid: java-weak-hash
    MessageDigest.getInstance("SHA-256").digest(data);
    // ruleid: java-weak-hash
    MessageDigest.getInstance("SHA-256");
    // ok: java-weak-hash
    MessageDigest.getInstance("SHA-256");
    Map<String, String> algs = new HashMap<>();
    algs.put("old", "MD5");
    algs.put("new", "SHA-512");
    // ok: java-weak-hash
    MessageDigest.getInstance(algs.get("new"));
    // ruleid: java-weak-hash
    MessageDigest.getInstance("SHA-256");
    // ruleid: java-weak-hash
    return org.apache.commons.codec.digest.DigestUtils.sha256(data);
  }
}
