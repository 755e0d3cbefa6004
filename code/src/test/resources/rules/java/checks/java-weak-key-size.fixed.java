package fixtures.keysize;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import javax.crypto.KeyGenerator;

public class Keys {
  void generate() throws NoSuchAlgorithmException {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    // ruleid: java-weak-key-size
    rsa.initialize(3072);
    KeyPairGenerator strong = KeyPairGenerator.getInstance("RSA");
    // ok: java-weak-key-size
    strong.initialize(3072);
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    // ok: java-weak-key-size
    ec.initialize(256);
    KeyGenerator aes = KeyGenerator.getInstance("AES");
    // ruleid: java-weak-key-size
    aes.init(256);
    int bits = 512 * 2;
    KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
    // ruleid: java-weak-key-size
    dsa.initialize(3072);
  }
}
