package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FileReader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Files2;
import dev.bulwark.suite.helpers.Settings;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00066 {

  @GetMapping("/pathtraver/BulwarkTest00066")
  public void handle(@RequestParam("BulwarkTest00066") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = Settings.get("greeting", param);
    try (FileReader reader = new FileReader(Files2.ROOT + "/" + bar)) {
      response.getWriter().println(reader.read());
    }
  }
}
