package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Settings;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00186 {

  @GetMapping("/trustbound/BulwarkTest00186")
  public void handle(@RequestParam("BulwarkTest00186") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = Settings.get("greeting", param);
    HttpSession session = request.getSession();
    // FIXME potential security issue
    session.setAttribute(bar, "10340");
  }
}
