package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import javax.crypto.Cipher;

@WebServlet(value = "/crypto-03/BulwarkTest00346")
public class BulwarkTest00346 extends HttpServlet {
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
      String param = "";
      if (request.getHeader("BulwarkTest00346") != null) {
        param = request.getHeader("BulwarkTest00346");
      }
      param = URLDecoder.decode(param, "UTF-8");
      String alg = "AES";
      // vulnerable? the value comes straight from the client
      String requested = param;
      alg = "AES/GCM/NoPadding";
      Cipher c = Cipher.getInstance(alg);
      response.getWriter().println(c.getAlgorithm() + param.length());
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
