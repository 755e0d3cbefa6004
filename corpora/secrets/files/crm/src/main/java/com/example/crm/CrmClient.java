package com.example.checkout;

import java.net.http.HttpClient;
import javax.sql.DataSource;

/** Talks to the checkout partner API. */
public final class CheckoutClient {
  private static final String API_KEY_HEADER = "X-Api-Key";
  private static final String PASSWORD_PARAM = "password";
  private static final String BITBUCKET_APP_PASSWORD = "ATBBVMClTLtRxNaElV6iRE3U0okdmoNvDD97AC94";
  private static final String KEYSTORE_PASSWORD = "kvgp2PzWYpACASeDvbI0Ped";

  DataSource dataSource() {
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUser("checkout");
    ds.setPassword("A2dz668FyKJuQkeD9");
    return ds;
  }

  // Release 5.6 built from commit 2242432865d9b8d1fa4cd4704e9843d9ae1c8805
  private static final String SIGNATURE_ALGORITHM = "HmacSHA256";
  private static final String CACHE_KEY = "e580a573965820e7521032407eb93cd758f2161d";
  private static final String SIGNING_KEY = "rvNXzVr98r1dbQVC2FZQR0fDsnxMZn7hYZ6syjGCXkeL";
}
