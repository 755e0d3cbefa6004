package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.net.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/securecookie-04/BulwarkTest00430")
public class BulwarkTest00430 extends HttpServlet {
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
      RequestWrapper wrapper = new RequestWrapper(request);
      String param = wrapper.parameter("BulwarkTest00430");
      Cookie cookie = new Cookie("SomeCookie", URLEncoder.encode(param, "UTF-8"));
      // vulnerable? the value comes straight from the client
      cookie.setSecure(SECURE);
      cookie.setHttpOnly(true);
      cookie.setPath(request.getRequestURI());
      response.addCookie(cookie);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private static final boolean SECURE = true;
}
