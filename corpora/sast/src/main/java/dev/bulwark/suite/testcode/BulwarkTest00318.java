package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Strings;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00318 {

  @GetMapping("/deserialization/BulwarkTest00318/{BulwarkTest00318}")
  public void handle(@PathVariable("BulwarkTest00318") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = Step.apply(param);
    ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(bar.getBytes()));
    // this is the good case
    Object o = ois.readUnshared();
    response.getWriter().println(o.hashCode());
  }

  static final class Step {
    static String apply(String param) throws Exception {
      String bar = Strings.constant(param);
      return bar;
    }
  }
}
