package fixtures.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509TrustManager;

public class TrustEverything implements X509TrustManager {
  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {}

  @Override
  // ruleid: java-trust-all-tls
  public void checkServerTrusted(X509Certificate[] chain, String authType) {}

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}

class PinningTrustManager implements X509TrustManager {
  private final X509TrustManager delegate;

  PinningTrustManager(X509TrustManager delegate) {
    this.delegate = delegate;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
  }

  @Override
  // ok: java-trust-all-tls
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    delegate.checkServerTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }
}

class AnyHost implements HostnameVerifier {
  @Override
  // ruleid: java-trust-all-tls
  public boolean verify(String host, SSLSession session) {
    return true;
  }
}

class Setup {
  void configure(HttpsURLConnection conn) {
    // ruleid: java-trust-all-tls
    conn.setHostnameVerifier((host, session) -> true);
    // ok: java-trust-all-tls
    conn.setHostnameVerifier((host, session) -> host.equals("api.example.org"));
  }
}
