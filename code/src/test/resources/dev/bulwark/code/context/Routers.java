package fixtures.context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/** Weak primitives used where nothing depends on them being unpredictable or collision-free. */
class ConsistentHashRouter {
  private final SortedMap<Long, String> ring = new TreeMap<>();

  long hash(String key) throws NoSuchAlgorithmException {
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    byte[] digest = md5.digest(key.getBytes(StandardCharsets.UTF_8));
    return ((long) (digest[3] & 0xFF) << 24) | ((digest[2] & 0xFF) << 16) | (digest[0] & 0xFF);
  }

  String route(String jobId) throws NoSuchAlgorithmException {
    SortedMap<Long, String> tail = ring.tailMap(hash(jobId));
    return tail.isEmpty() ? ring.get(ring.firstKey()) : tail.get(tail.firstKey());
  }
}

class RandomRouter {
  private static final Random localRandom = new Random();

  String route(List<String> addresses) {
    return addresses.get(localRandom.nextInt(addresses.size()));
  }

  long backoffMillis(int attempt) {
    return (long) (Math.random() * 100) << attempt;
  }
}

/** The same primitives where security depends on them. */
class PasswordStore {
  byte[] hashPassword(String password) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("MD5").digest(password.getBytes(StandardCharsets.UTF_8));
  }
}

class Tokens {
  private final Random random = new Random();

  String newSessionToken() {
    return Long.toHexString(random.nextLong());
  }
}
