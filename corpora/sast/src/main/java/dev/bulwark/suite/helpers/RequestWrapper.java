package dev.bulwark.suite.helpers;

import jakarta.servlet.http.HttpServletRequest;

/** Reads request parameters on behalf of a case, from another file. */
public class RequestWrapper {
  private final HttpServletRequest request;

  public RequestWrapper(HttpServletRequest request) {
    this.request = request;
  }

  public String parameter(String name) {
    String value = request.getParameter(name);
    return value == null ? "" : value;
  }
}
