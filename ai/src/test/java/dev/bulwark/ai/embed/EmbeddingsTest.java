package dev.bulwark.ai.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The model runs offline and its vectors mean something. */
class EmbeddingsTest {

  /** Records every connection the JVM's networking is asked to make, and refuses it. */
  static final class Unplugged extends ProxySelector {
    final List<URI> attempts = new CopyOnWriteArrayList<>();

    @Override
    public List<Proxy> select(URI uri) {
      attempts.add(uri);
      throw new IllegalStateException("network unplugged: " + uri);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
  }

  @Test
  void theUnpluggedSelectorSeesConnectionAttempts() throws Exception {
    ProxySelector before = ProxySelector.getDefault();
    Unplugged unplugged = new Unplugged();
    ProxySelector.setDefault(unplugged);
    try {
      URI.create("http://192.0.2.1/probe").toURL().openConnection().connect();
    } catch (RuntimeException | IOException expected) {
      // refused by the selector
    } finally {
      ProxySelector.setDefault(before);
    }
    assertThat(unplugged.attempts).extracting(URI::getHost).containsExactly("192.0.2.1");
  }

  @Test
  void embedsOfflineWithoutAttemptingAConnection() {
    ProxySelector before = ProxySelector.getDefault();
    Unplugged unplugged = new Unplugged();
    ProxySelector.setDefault(unplugged);
    try {
      Embeddings e = new Embeddings();
      List<float[]> v =
          e.embedAll(
              List.of(
                  "SQL injection: user input concatenated into a JDBC query",
                  "SQL query built by string concatenation from a request parameter",
                  "TLS certificate expired on the mail server"));
      assertThat(v).allSatisfy(x -> assertThat(x).hasSize(Embeddings.DIMENSIONS));
      assertThat(Embeddings.cosine(v.get(0), v.get(0)))
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(Embeddings.cosine(v.get(0), v.get(1)))
          .isGreaterThan(Embeddings.cosine(v.get(0), v.get(2)) + 0.2);
      assertThat(e.embed("SQL injection: user input concatenated into a JDBC query"))
          .isSameAs(v.get(0));
    } finally {
      ProxySelector.setDefault(before);
    }
    assertThat(unplugged.attempts).as("connections attempted").isEmpty();
  }
}
