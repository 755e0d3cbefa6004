package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00198 {

  @GetMapping("/trustbound/BulwarkTest00198/{BulwarkTest00198}")
  public void handle(@PathVariable("BulwarkTest00198") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = new Test().doSomething(request, param);
    HttpSession session = request.getSession();
    session.setAttribute(bar, "10340");
    // TODO: review this for injection
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      String bar;
      int n = 150;
      if ((500 / 42) + n > 200) {
        bar = param;
      } else {
        bar = "no";
      }
      return bar;
    }
  }
}
