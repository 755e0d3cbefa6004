package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00306 {

  @GetMapping("/deserialization/BulwarkTest00306")
  public void handle(@RequestParam("BulwarkTest00306") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = doSomething(request, param);
    ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(bar.getBytes()));
    Object o = ois.readUnshared();
    response.getWriter().println(o.hashCode());
    // TODO: review this for injection
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    String bar = param;
    bar = "replacement";
    return bar;
  }
}
