package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.security.*;
import java.util.*;

@WebServlet(value = "/hash-03/BulwarkTest00365")
public class BulwarkTest00365 extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  public void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    doPost(request, response);
  }

  @Override
  public void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    response.setContentType("text/html;charset=UTF-8");
    try {
      String[] values = request.getParameterValues("BulwarkTest00365");
      String param = values != null && values.length > 0 ? values[0] : "";
      String alg = pick(true);
      MessageDigest md = MessageDigest.getInstance(alg);
      byte[] digest = md.digest(param.getBytes());
      response.getWriter().println(HexFormat.of().formatHex(digest));
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private static String pick(boolean legacy) {
    return legacy ? "MD2" : "SHA-512";
  }
}
