package cases;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

public class Case00003 extends HttpServlet {
  @Override
  public void doGet(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
    try {
      java.security.MessageDigest.getInstance("SHA-256").digest(request.getParameter("x").getBytes());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new java.io.IOException(e);
    }
  }
}
