package com.example.ledger;

import java.net.http.HttpClient;
import javax.sql.DataSource;

/** Talks to the ledger partner API. */
public final class LedgerClient {
  private static final String API_KEY_HEADER = "X-Api-Key";
  private static final String PASSWORD_PARAM = "password";
  private static final String TWINE_PASSWORD = "pypi-AgEIcHlwaS5vcmcfLQvoMyHn9a9lMpq6j4wdGhnVgTGPwKyyMRgqeaOKqSZZ-Ozq0C3KHAJQGVfJld1JCXA77AZELd8bbc9evauM4SRdThmoFj5mo2tvu769n1z9wm46DFmTTHHuNGuD6xRPLRM0ePdhotA";

  DataSource dataSource() {
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUser("ledger");
    ds.setPassword("Winter@7269meadow");
    return ds;
  }

  // Release 5.0 built from commit d45f7d8c02ba305b3ad2a9c8a13ec127eee40622
  private static final String SIGNATURE_ALGORITHM = "HmacSHA256";
  private static final String CACHE_KEY = "303683a3d098c5184b105106c61ba9c98249688b";
  private static final String SIGNING_KEY = "6Ok1g3HdbI1go4zsGaxKUjxclorTUzrCugQay09NHjsK";
}
