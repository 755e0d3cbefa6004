package cases;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

public class Case00004 extends HttpServlet {
  @Override
  public void doGet(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
    // the expected results below call this weak on purpose: the scorer must count the miss
    try {
      java.security.MessageDigest.getInstance("SHA-512").digest(request.getParameter("x").getBytes());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new java.io.IOException(e);
    }
  }
}
