package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00192 {

  @GetMapping("/trustbound/BulwarkTest00192")
  public void handle(@RequestHeader(value = "BulwarkTest00192", defaultValue = "") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = Step.apply(param);
    request.getSession().setAttribute("digest", Base64.getEncoder().encodeToString(bar.getBytes()));
  }

  static final class Step {
    static String apply(String param) throws Exception {
      String bar = Stream.of("a", param).filter(s -> !s.isEmpty()).collect(Collectors.joining(","));
      return bar;
    }
  }
}
