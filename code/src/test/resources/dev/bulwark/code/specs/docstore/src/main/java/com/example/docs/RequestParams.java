package com.example.docs;

import javax.servlet.http.HttpServletRequest;

/** Request parameters with defaults. */
final class RequestParams {
  private RequestParams() {}

  static String param(HttpServletRequest req, String name) {
    String v = req.getParameter(name);
    return v == null ? "" : v.trim();
  }
}
