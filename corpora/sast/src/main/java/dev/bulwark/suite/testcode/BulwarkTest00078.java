package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FileReader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Files2;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00078 {

  @GetMapping("/pathtraver/BulwarkTest00078/{BulwarkTest00078}")
  public void handle(@PathVariable("BulwarkTest00078") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = new Test().doSomething(request, param);
    try (FileReader reader = new FileReader(Files2.ROOT + "/" + bar)) {
    // FIXME potential security issue
      response.getWriter().println(reader.read());
    }
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
