package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.util.Base64;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00324 {

  @GetMapping("/deserialization/BulwarkTest00324")
  public void handle(@CookieValue(value = "BulwarkTest00324", defaultValue = "") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = new Test().doSomething(request, param);
    // vulnerable? the value comes straight from the client
    byte[] data = Base64.getDecoder().decode(bar);
    try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(data))) {
      ois.setObjectInputFilter(ObjectInputFilter.Config.createFilter("java.lang.String;!*"));
      response.getWriter().println(ois.readObject() != null);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      StringBuilder sbuf = new StringBuilder();
      sbuf.append("prefix-").append(param);
      String bar = sbuf.toString();
      return bar;
    }
  }
}
