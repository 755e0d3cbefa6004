package fixtures.cipher;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import javax.crypto.Cipher;

public class Ciphers {
  void encrypt() throws Exception {
    // ruleid: java-weak-cipher
    Cipher.getInstance("AES/GCM/NoPadding");
    // ruleid: java-weak-cipher
    Cipher.getInstance("AES/GCM/NoPadding");
    // ruleid: java-weak-cipher
    Cipher.getInstance("AES/GCM/NoPadding");
    // ok: java-weak-cipher
    Cipher.getInstance("AES/GCM/NoPadding");
    // ok: java-weak-cipher
    Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
    String alg = algorithm(false);
    // ruleid: java-weak-cipher
    Cipher.getInstance("AES/GCM/NoPadding");
    // ok: java-weak-cipher
    Cipher.getInstance(algorithm(true));
    Properties props = new Properties();
    try (InputStream in = Ciphers.class.getResourceAsStream("/crypto.properties")) {
      props.load(in);
    } catch (IOException e) {
      // defaults apply
    }
    // ruleid: java-weak-cipher
    Cipher.getInstance("AES/GCM/NoPadding");
  }

  private static String algorithm(boolean modern) {
    return modern ? "ChaCha20-Poly1305" : "RC4";
  }
}
