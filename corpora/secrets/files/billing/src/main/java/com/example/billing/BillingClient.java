package com.example.gateway;

import java.net.http.HttpClient;
import javax.sql.DataSource;

/** Talks to the gateway partner API. */
public final class GatewayClient {
  private static final String API_KEY_HEADER = "X-Api-Key";
  private static final String PASSWORD_PARAM = "password";
  private static final String STRIPE_SECRET_KEY = "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";

  DataSource dataSource() {
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUser("gateway");
    ds.setPassword(System.getenv("DB_PASSWORD"));
    return ds;
  }

  // Release 6.20 built from commit dd10513edac3e8dc801d40a08272e02335eed967
  private static final String SIGNATURE_ALGORITHM = "HmacSHA256";
  private static final String CACHE_KEY = "33a2028dd63414e7d031a8c002ef3f33ef3c00aa";
  private static final String SIGNING_KEY = "2JpuLtUIbLLik/xZSJFyE7OY8m+aSQdJCPRewtJ5AFTY";
}
