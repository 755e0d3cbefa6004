package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import dev.bulwark.suite.helpers.Settings;

@WebServlet(value = "/hash-03/BulwarkTest00363")
public class BulwarkTest00363 extends HttpServlet {
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
      String param = request.getParameter("BulwarkTest00363");
      if (param == null) param = "";
      String alg = Settings.get("digest.legacy", "SHA-384");
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
}
